;;; check.el --- Emacs (eglot) as an LSP client of the packaged Docker Harden language server  -*- lexical-binding: t -*-
;; Run by test/emacs/emacs.test.ts: emacs --batch -q -l check.el. The setup is docs/editors.md's (eglot-server-programs
;; for yaml-mode and dockerfile-mode); Emacs 28 has neither mode, so two empty ones stand in. For each file of
;; DOCKER_HARDEN_FILES (`:`-separated) it opens the file, connects eglot, waits for the server's publishDiagnostics and
;; for flymake to show them, and writes what it saw to DOCKER_HARDEN_RESULT as JSON.
(require 'eglot)
(require 'json)
(require 'flymake)

(define-derived-mode yaml-mode prog-mode "YAML")
(define-derived-mode dockerfile-mode prog-mode "Dockerfile")
(add-to-list 'auto-mode-alist '("compose[^/]*\\.ya?ml\\'" . yaml-mode))
(add-to-list 'auto-mode-alist '("Dockerfile\\'" . dockerfile-mode))

;; The setup of docs/editors.md, read from its first elisp block and evaluated as it is: it starts
;; `docker-harden-language-server` from PATH (the test puts the installed package's bin folder first).
(with-temp-buffer
  (insert-file-contents (getenv "DOCKER_HARDEN_EDITORS_DOC"))
  (goto-char (point-min))
  (let* ((start (progn (re-search-forward "^```elisp\n") (point)))
         (end (progn (re-search-forward "^```$") (match-beginning 0)))
         (forms (car (read-from-string (concat "(progn " (buffer-substring start end) ")")))))
    (eval forms t)))

(defvar docker-harden-published (make-hash-table :test 'equal)
  "The diagnostics the server published, by file: what eglot received.")

(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics &allow-other-keys)
  (puthash (eglot--uri-to-path uri) diagnostics docker-harden-published))

(defun docker-harden-wait (predicate seconds)
  "Process events until PREDICATE is true or SECONDS pass; the value of PREDICATE."
  (let ((deadline (+ (float-time) seconds)) value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun docker-harden-published-json (diagnostic)
  (let ((start (plist-get (plist-get diagnostic :range) :start)))
    `((code . ,(plist-get diagnostic :code))
      (line . ,(plist-get start :line))
      (character . ,(plist-get start :character))
      (message . ,(plist-get diagnostic :message)))))

(defun docker-harden-flymake-json (diagnostic)
  `((line . ,(line-number-at-pos (flymake-diagnostic-beg diagnostic)))
    (text . ,(flymake-diagnostic-text diagnostic))))

(defun docker-harden-connect-and-wait (file started)
  (apply #'eglot (eglot--guess-contact))
  (let* ((published (docker-harden-wait (lambda () (gethash (expand-file-name file) docker-harden-published)) 30))
         (received-ms (* 1000 (- (float-time) started))))
    (flymake-start)
    (docker-harden-wait #'flymake-diagnostics 10)
    `((file . ,file)
      (mode . ,(symbol-name major-mode))
      (managed . ,(if (eglot-managed-p) t :json-false))
      (received_ms . ,received-ms)
      (published . ,(vconcat (mapcar #'docker-harden-published-json published)))
      (flymake . ,(vconcat (mapcar #'docker-harden-flymake-json (flymake-diagnostics)))))))

(defun docker-harden-check (file)
  (let ((started (float-time)))
    (with-current-buffer (find-file-noselect file)
      (condition-case err
          (docker-harden-connect-and-wait file started)
        (error `((file . ,file) (error . ,(error-message-string err))))))))

(let ((results (mapcar #'docker-harden-check (split-string (getenv "DOCKER_HARDEN_FILES") ":"))))
  (with-temp-file (getenv "DOCKER_HARDEN_RESULT")
    (insert (json-encode (vconcat results))))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs 0))
