;;; e2e.el --- chant-lsp in a real Emacs with eglot, in batch mode -*- lexical-binding: t; -*-

;; Usage: emacs --batch -l e2e.el WORKSPACE BIN_DIR
;; WORKSPACE is a copy of examples/oss-maintainer-workflow; BIN_DIR holds `chant-lsp'.
;; Loads the shipped editors/emacs/chant-lsp.el, opens a spec, and checks what a user would see:
;; flymake diagnostics (line and message), xref definition, and a code action applied.
;; Prints one PASS/FAIL line per check; exits 1 when any failed.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defvar chant-e2e-failed 0)
(defvar chant-e2e-passed 0)

(defun chant-e2e-check (name ok detail)
  "Report check NAME: OK is its verdict, DETAIL what was seen."
  (if ok (cl-incf chant-e2e-passed) (cl-incf chant-e2e-failed))
  (princ (format "%s %s: %s\n" (if ok "PASS" "FAIL") name detail))
  ok)

(defun chant-e2e-wait (seconds predicate)
  "Let the server talk for up to SECONDS until PREDICATE answers non-nil; answer it."
  (let ((end (+ (float-time) seconds)) result)
    (while (and (not (setq result (funcall predicate))) (< (float-time) end))
      (accept-process-output nil 0.1))
    result))

(let* ((workspace (file-name-as-directory (expand-file-name (nth 0 command-line-args-left))))
       (bin-dir (expand-file-name (nth 1 command-line-args-left)))
       (here (file-name-directory (or load-file-name buffer-file-name)))
       (spec (concat workspace ".chant/specs/006-upstream-pr.md"))
       (criteria (concat workspace ".chant/specs/007-e2e-criteria.md"))
       (dependency (concat workspace ".chant/archive/005-fork-f/005-fork-fix.md")))
  (setq command-line-args-left nil)
  (setq exec-path (cons bin-dir exec-path))
  (setenv "PATH" (concat bin-dir path-separator (getenv "PATH")))
  (require 'markdown-mode)
  (require 'eglot)
  (require 'flymake)
  (require 'xref)
  (load (expand-file-name "../chant-lsp.el" here) nil t)
  (with-temp-file criteria
    (insert "---\ntype: code\nstatus: pending\n---\n# E2E: toggle a criterion\n\n"
            "## Acceptance Criteria\n\n- [ ] one\n"))

  ;; (0) Opening a spec starts eglot through the shipped hook.
  (find-file spec)
  ;; eglot-ensure connects on the next command; batch mode runs no commands.
  (run-hooks 'post-command-hook)
  (let ((server (chant-e2e-wait 30 (lambda () (eglot-current-server)))))
    (chant-e2e-check "attach" (and server (eq major-mode 'markdown-mode))
                     (format "%s in %s" (and server (eglot-project-nickname server)) major-mode)))

  ;; (1) Diagnostics: flymake shows the server's findings on the right lines.
  (let* ((want '((2 . "documentation spec without `target_files`")
                 (2 . "documentation spec without `tracks`")
                 (5 . "`005-fork-fix` is archived")
                 (10 . "`.chant/research/issue-42-sprawl.md` (informed_by) does not exist")))
         (seen (lambda ()
                 (sort (mapcar (lambda (d)
                                 (cons (line-number-at-pos (flymake-diagnostic-beg d))
                                       (flymake-diagnostic-text d)))
                               (flymake-diagnostics))
                       (lambda (a b) (or (< (car a) (car b))
                                         (and (= (car a) (car b)) (string< (cdr a) (cdr b))))))))
         (matches (lambda (got)
                    (and (= (length got) (length want))
                         (cl-every (lambda (w g) (and (= (car w) (car g))
                                                      (string-match-p (regexp-quote (cdr w)) (cdr g))))
                                   want got)))))
    (chant-e2e-wait 30 (lambda () (funcall matches (funcall seen))))
    (let ((got (funcall seen)))
      (chant-e2e-check "diagnostics" (funcall matches got)
                       (mapconcat (lambda (g) (format "%d: %s" (car g) (truncate-string-to-width (cdr g) 50)))
                                  got " | "))))

  ;; (2) Definition (xref) on the depends_on id lands on the archived spec's title line.
  (goto-char (point-min))
  (search-forward "005-fork-fix")
  (backward-char 3)
  (let* ((backend (xref-find-backend))
         (defs (xref-backend-definitions backend (xref-backend-identifier-at-point backend)))
         (loc (and defs (xref-item-location (car defs))))
         (file (and loc (xref-location-group loc)))
         (line (and loc (xref-location-line loc)))
         (title-line (with-temp-buffer
                       (insert-file-contents dependency)
                       (re-search-forward "^# ")
                       (line-number-at-pos))))
    (chant-e2e-check "definition" (and file (file-equal-p file dependency) (equal line title-line))
                     (format "%s:%s, want line %d" file line title-line)))

  ;; (3) "Mark done" on the criterion: eglot applies the server's edit to the buffer.
  (find-file criteria)
  (run-hooks 'post-command-hook)
  (chant-e2e-wait 30 (lambda () (eglot-current-server)))
  (goto-char (point-min))
  (search-forward "- [ ] one")
  (beginning-of-line)
  (let* ((server (eglot-current-server))
         (actions (and server
                       (chant-e2e-wait
                        30 (lambda ()
                             (let ((all (append (jsonrpc-request
                                                 server :textDocument/codeAction
                                                 (list :textDocument (eglot--TextDocumentIdentifier)
                                                       :range (list :start (eglot--pos-to-lsp-position (point))
                                                                    :end (eglot--pos-to-lsp-position (point)))
                                                       :context (list :diagnostics [])))
                                                nil)))
                               (and all (cl-find "Mark done" all :key (lambda (a) (plist-get a :title))
                                                 :test #'equal)))))))
         (done actions))
    (chant-e2e-check "code action offered" done (if done (plist-get done :title) "no \"Mark done\""))
    (when done
      ;; `eglot-execute' arrived after eglot 1.9 (Debian bookworm's); both apply the action's edit.
      (if (fboundp 'eglot-execute)
          (eglot-execute server done)
        (eglot--apply-workspace-edit (plist-get done :edit)))
      (chant-e2e-wait 5 (lambda () (string= (buffer-substring (line-beginning-position) (line-end-position))
                                            "- [x] one")))
      (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
        (chant-e2e-check "code action applied" (string= line "- [x] one") (format "line now %S" line)))))

  (ignore-errors (eglot-shutdown-all))
  (princ (format "emacs e2e: %d passed, %d failed\n" chant-e2e-passed chant-e2e-failed))
  (kill-emacs (if (= chant-e2e-failed 0) 0 1)))

;;; e2e.el ends here
