;;; chant-lsp.el --- chant-lsp with eglot -*- lexical-binding: t; -*-

;; Load from init.el with (load "/path/to/chant-lsp/editors/emacs/chant-lsp.el"), or paste the
;; forms below. `chant-lsp' must be on `exec-path'. eglot ships with Emacs 29+; on Emacs 28
;; install it from GNU ELPA (M-x package-install RET eglot) or Debian's elpa-eglot.
;; The first form, without the hook, is all eglot needs: then run M-x eglot in a spec buffer.

;;; Code:

(defvar eglot-server-programs)

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode markdown-ts-mode) . ("chant-lsp"))))

(declare-function eglot-ensure "eglot" ())

;; Start eglot on its own in Markdown buffers inside a chant workspace (a folder holding .chant/).
(defun chant-lsp-maybe-start ()
  "Start eglot when the buffer's file is inside a chant workspace."
  (when (and buffer-file-name (locate-dominating-file buffer-file-name ".chant"))
    (eglot-ensure)))

(add-hook 'markdown-mode-hook #'chant-lsp-maybe-start)
(add-hook 'gfm-mode-hook #'chant-lsp-maybe-start)

(provide 'chant-lsp)
;;; chant-lsp.el ends here
