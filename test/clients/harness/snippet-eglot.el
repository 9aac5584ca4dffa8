;;; snippet-eglot.el --- run a docs/editors.md eglot snippet  -*- lexical-binding: t -*-
;; As a user's init would: load the snippet, visit a file, then wait for flymake
;; diagnostics and write them as JSON.  Env: DD_SNIPPET, DD_FILE, DD_OUT, DD_TIMEOUT.
;; Batch Emacs lacks what an interactive one has, so this stands in for it:
;; Debian's elpa dir (site-start is skipped by -Q), a markdown-mode if none is
;; installed, and one post-command-hook run (where eglot-ensure connects).
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(unless (fboundp 'markdown-mode) (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(setq eglot-sync-connect t eglot-autoreconnect nil)
(defvar dd-errors nil)
(condition-case e (load (getenv "DD_SNIPPET") nil t)
  (error (push (format "snippet: %s" (error-message-string e)) dd-errors)))
(defvar dd-buf (find-file-noselect (getenv "DD_FILE")))
(defvar dd-deadline (+ (float-time) (/ (string-to-number (getenv "DD_TIMEOUT")) 1000.0)))
(with-current-buffer dd-buf
  (condition-case e (run-hooks 'post-command-hook)
    (error (push (format "connect: %s" (error-message-string e)) dd-errors)))
  (while (and (bound-and-true-p flymake-mode) (null (flymake-diagnostics)) (< (float-time) dd-deadline))
    (flymake-start)
    (accept-process-output nil 0.05))
  (unless (flymake-diagnostics) (push "no flymake diagnostics within timeout" dd-errors)))
(defvar dd-result
  (with-current-buffer dd-buf
    (list :mode (symbol-name major-mode)
          :managed (if (bound-and-true-p eglot--managed-mode) t :json-false)
          :errors (vconcat (nreverse dd-errors))
          :diagnostics
          (vconcat (mapcar (lambda (d)
                             (list :line (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                                   :type (symbol-name (flymake-diagnostic-type d))
                                   :text (flymake-diagnostic-text d)))
                           (flymake-diagnostics))))))
(with-temp-file (getenv "DD_OUT") (insert (json-serialize dd-result)))
(with-current-buffer dd-buf (ignore-errors (eglot-shutdown (eglot-current-server) nil 3)))
(kill-emacs 0)
