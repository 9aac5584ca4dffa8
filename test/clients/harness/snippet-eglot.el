;;; snippet-eglot.el --- run a docs/editors.md eglot snippet  -*- lexical-binding: t -*-
;; As a user's init would: load the snippet, visit a file, wait for flymake
;; diagnostics; then pick a quick fix with M-x eglot-code-actions and accept a
;; heading completion with completion-at-point, and write the results as JSON.
;; Env: DD_SNIPPET, DD_FILE, DD_OUT, DD_TIMEOUT, DD_FIX_AT (line to ask on; with
;;      DD_FIX_ABOVE=1 the line above it),
;;      DD_FIX_SECTION (the missing section whose quick fix to pick),
;;      DD_COMPLETE_BEFORE (a line to type "## " above), DD_COMPLETE_LABEL.
;; Batch Emacs lacks what an interactive one has, so this stands in for it:
;; Debian's elpa dir (site-start is skipped by -Q), a markdown-mode if none is
;; installed, one post-command-hook run (where eglot-ensure connects), explicit
;; didChange flushes (eglot sends them from an idle timer) and flymake starts.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'cl-lib)
(unless (fboundp 'markdown-mode) (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(setq eglot-sync-connect t eglot-autoreconnect nil)
(defvar dd-errors nil)
(defvar dd-timeout (/ (string-to-number (getenv "DD_TIMEOUT")) 1000.0))
(defun dd-err (fmt &rest args) (push (apply #'format fmt args) dd-errors))

(defun dd-diagnostics ()
  (vconcat (mapcar (lambda (d)
                     (list :line (1- (line-number-at-pos (flymake-diagnostic-beg d)))
                           :type (symbol-name (flymake-diagnostic-type d))
                           :text (flymake-diagnostic-text d)))
                   (flymake-diagnostics))))

(defun dd-wait-diagnostics (pred what)
  "Run flymake until PRED holds for the diagnostics list, or time out."
  (let ((deadline (+ (float-time) dd-timeout)))
    (while (and (not (funcall pred (dd-diagnostics))) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05))
    (unless (funcall pred (dd-diagnostics)) (dd-err "timed out waiting for %s" what))
    (dd-diagnostics)))

(defun dd-goto (line-text)
  (goto-char (point-min))
  (if (re-search-forward (concat "^" (regexp-quote line-text) "$") nil t)
      (progn (beginning-of-line) t)
    (dd-err "no line %s" line-text) nil))

(defun dd-text () (buffer-substring-no-properties (point-min) (point-max)))

(defun dd-without (section)
  "Predicate: diagnostics present, none saying SECTION is missing."
  (let ((missing (format "Missing section '%s'" section)))
    (lambda (ds) (and (> (length ds) 0)
                      (cl-notany (lambda (d) (string-match-p (regexp-quote missing) (plist-get d :text))) ds)))))

(condition-case e (load (getenv "DD_SNIPPET") nil t)
  (error (dd-err "snippet: %s" (error-message-string e))))
(defvar dd-buf (find-file-noselect (getenv "DD_FILE")))
(defvar dd-result nil)
(with-current-buffer dd-buf
  (condition-case e (run-hooks 'post-command-hook)
    (error (dd-err "connect: %s" (error-message-string e))))
  (let ((initial (dd-wait-diagnostics (lambda (ds) (> (length ds) 0)) "diagnostics"))
        offered after-fix diags-after-fix after-completion diags-after-completion)
    ;; The quick fix, picked the way a user picks it from eglot-code-actions.
    (when (dd-goto (getenv "DD_FIX_AT"))
      (when (equal (getenv "DD_FIX_ABOVE") "1") (forward-line -1))
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt collection &rest _)
                   (setq offered (mapcar #'car collection))
                   (or (cl-find-if (lambda (title) (string-match-p (regexp-quote (getenv "DD_FIX_SECTION")) title))
                                   offered)
                       (car offered)))))
        ;; as from the keyboard (M-x): a mouse event would make eglot pop up a menu instead
        (condition-case e (let ((last-nonmenu-event ?\r))
                            (eglot-code-actions (line-beginning-position) (line-end-position) nil t))
          (error (dd-err "code action: %s" (error-message-string e)))))
      (setq after-fix (dd-text))
      (eglot--signal-textDocument/didChange)
      (setq diags-after-fix
            (dd-wait-diagnostics (dd-without (getenv "DD_FIX_SECTION")) "diagnostics after the quick fix")))
    ;; A heading completion, accepted as completion-at-point accepts one: insert
    ;; the candidate, then run the table's exit function.
    (when (dd-goto (getenv "DD_COMPLETE_BEFORE"))
      (insert "## \n\n")
      (forward-line -2)
      (end-of-line)
      (eglot--signal-textDocument/didChange)
      (condition-case e
          (let* ((capf (eglot-completion-at-point))
                 (beg (nth 0 capf)) (end (nth 1 capf)) (table (nth 2 capf)) (props (nthcdr 3 capf))
                 (label (getenv "DD_COMPLETE_LABEL"))
                 (choice (cl-find label (all-completions (buffer-substring beg end) table) :test #'string=)))
            (if (not choice) (dd-err "no completion %s" label)
              (delete-region beg end)
              (goto-char beg)
              (insert choice)
              (funcall (plist-get props :exit-function) choice 'finished)))
        (error (dd-err "completion: %s" (error-message-string e))))
      (setq after-completion (dd-text))
      (eglot--signal-textDocument/didChange)
      (setq diags-after-completion
            (dd-wait-diagnostics (dd-without (getenv "DD_COMPLETE_LABEL")) "diagnostics after the completion")))
    (setq dd-result
          (list :mode (symbol-name major-mode)
                :managed (if (bound-and-true-p eglot--managed-mode) t :json-false)
                :errors (vconcat (reverse dd-errors))
                :diagnostics initial
                :offered (vconcat offered)
                :text_after_fix (or after-fix "")
                :diagnostics_after_fix (or diags-after-fix [])
                :text_after_completion (or after-completion "")
                :diagnostics_after_completion (or diags-after-completion [])))))
(with-temp-file (getenv "DD_OUT") (insert (json-serialize dd-result)))
(with-current-buffer dd-buf (ignore-errors (eglot-shutdown (eglot-current-server) nil 3)))
(kill-emacs 0)
