;;; snippet-eglot.el --- run a docs/editors.md eglot configuration  -*- lexical-binding: t -*-
;; As a user's init would: load the configuration, visit a file, wait for flymake
;; diagnostics; read the imenu index; pick a quick fix with M-x eglot-code-actions; then, in two more
;; files of the same project, type a heading marker and the first letters of an
;; item and run completion-at-point; write the results as JSON.
;; Env: DD_SNIPPET, DD_OUT, DD_TIMEOUT;
;;      DD_FILE, DD_FIX_AT (line to ask on; with DD_FIX_ABOVE=1 the line above it),
;;      DD_FIX_SECTION (the quick fix to pick);
;;      DD_COMPLETE_FILE, DD_COMPLETE_BEFORE (a line to type above), DD_COMPLETE_TYPED,
;;      DD_COMPLETE_LABEL; DD_SUB_FILE, DD_SUB_AFTER (a line to type below),
;;      DD_SUB_TYPED, DD_SUB_LABEL.
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

(defun dd-visit (file)
  "Visit FILE as a user would; return its buffer once it has diagnostics."
  (let ((buf (find-file-noselect file)))
    (set-buffer buf)
    (condition-case e (run-hooks 'post-command-hook)
      (error (dd-err "connect: %s" (error-message-string e))))
    (dd-wait-diagnostics (lambda (ds) (> (length ds) 0)) (format "diagnostics in %s" file))
    buf))

(defun dd-complete (typed label)
  "Type TYPED at point and run completion-at-point as its key does; LABEL must come out."
  (insert typed)
  (eglot--signal-textDocument/didChange)
  (condition-case e
      (let ((last-command nil) (this-command 'completion-at-point))
        (completion-at-point))
    (error (dd-err "completion-at-point: %s" (error-message-string e))))
  (unless (save-excursion (goto-char (point-min))
                          (re-search-forward (concat "^" (regexp-quote (concat (string-trim typed "" "[^#]*") " " label)) "$") nil t))
    (dd-err "completion-at-point after %S did not write %s" typed label)))

(condition-case e (load (getenv "DD_SNIPPET") nil t)
  (error (dd-err "snippet: %s" (error-message-string e))))
(defvar dd-result nil)
(defun dd-imenu ()
  "The imenu index eglot gives (M-x imenu): each group's name and its entries', submenus marked with a trailing /."
  (vconcat (mapcar (lambda (group)
                     (list :group (car group)
                           :entries (vconcat (mapcar (lambda (e) (if (imenu--subalist-p e) (concat (car e) "/") (car e)))
                                                     (cdr group)))))
                   (eglot-imenu))))

(let (initial offered after-fix diags-after-fix after-completion diags-after-completion after-subsection
              mode managed imenu)
  ;; 1. The quick fix, picked the way a user picks it from eglot-code-actions.
  (with-current-buffer (dd-visit (getenv "DD_FILE"))
    (setq initial (dd-diagnostics)
          mode (symbol-name major-mode)
          managed (bound-and-true-p eglot--managed-mode))
    (condition-case e (setq imenu (dd-imenu))
      (error (dd-err "imenu: %s" (error-message-string e))))
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
            (dd-wait-diagnostics (dd-without (getenv "DD_FIX_SECTION")) "diagnostics after the quick fix"))))
  ;; 2. A section completed on a new line above DD_COMPLETE_BEFORE.
  (with-current-buffer (dd-visit (getenv "DD_COMPLETE_FILE"))
    (when (dd-goto (getenv "DD_COMPLETE_BEFORE"))
      (open-line 1)
      (dd-complete (getenv "DD_COMPLETE_TYPED") (getenv "DD_COMPLETE_LABEL"))
      (setq after-completion (dd-text))
      (eglot--signal-textDocument/didChange)
      (setq diags-after-completion
            (dd-wait-diagnostics (dd-without (getenv "DD_COMPLETE_LABEL")) "diagnostics after the completion"))))
  ;; 3. A subsection completed on a new line below DD_SUB_AFTER.
  (with-current-buffer (dd-visit (getenv "DD_SUB_FILE"))
    (when (dd-goto (getenv "DD_SUB_AFTER"))
      (end-of-line)
      (newline)
      (dd-complete (getenv "DD_SUB_TYPED") (getenv "DD_SUB_LABEL"))
      (setq after-subsection (dd-text))))
  (setq dd-result
        (list :mode mode
              :managed (if managed t :json-false)
              :servers (let ((n 0))
                         (maphash (lambda (_ servers) (setq n (+ n (length servers)))) eglot--servers-by-project)
                         n)
              :server_buffers (vconcat (mapcar (lambda (b) (file-name-nondirectory (buffer-file-name b)))
                                               (with-current-buffer (get-file-buffer (getenv "DD_FILE"))
                                                 (eglot--managed-buffers (eglot-current-server)))))
              :errors (vconcat (reverse dd-errors))
              :diagnostics initial
              :imenu (or imenu [])
              :offered (vconcat offered)
              :text_after_fix (or after-fix "")
              :diagnostics_after_fix (or diags-after-fix [])
              :text_after_completion (or after-completion "")
              :diagnostics_after_completion (or diags-after-completion [])
              :text_after_subsection (or after-subsection ""))))
(with-temp-file (getenv "DD_OUT") (insert (json-serialize dd-result)))
(with-current-buffer (get-file-buffer (getenv "DD_FILE")) (ignore-errors (eglot-shutdown (eglot-current-server) nil 3)))
(kill-emacs 0)
