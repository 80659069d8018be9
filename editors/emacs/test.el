;;; test.el --- copydesk under Emacs and eglot, headless  -*- lexical-binding: t -*-

;; Run: COPYDESK_BIN=target/debug/copydesk emacs -Q --batch -l editors/emacs/test.el
;;
;; Opens an invented story in text-mode with the setup the README gives, starts eglot against
;; the real server and checks what a writer would see: Flymake diagnostics from the server, the
;; sourcing outline through imenu, and a quick fix applied through eglot that the server then
;; re-analyses. Exits 0 when every check passes, 1 otherwise. Emacs 29+ ships eglot; on Debian
;; 12's Emacs 28 it comes from the elpa-eglot package, which `package-initialize' activates.

(require 'package)
;; Debian installs ELPA packages here; `-Q' skips the site-start file that would add it.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'imenu)
(require 'cl-lib)

(defvar copydesk-test-bin (or (getenv "COPYDESK_BIN") "copydesk"))
(defvar copydesk-test-failures 0)
(defvar copydesk-test-passes 0)

(defun copydesk-test-check (what ok)
  "Record check WHAT as passed when OK."
  (message "%s %s" (if ok "ok  " "FAIL") what)
  (if ok
      (setq copydesk-test-passes (1+ copydesk-test-passes))
    (setq copydesk-test-failures (1+ copydesk-test-failures))))

(defun copydesk-test-wait (pred &optional seconds)
  "Wait up to SECONDS (default 30) for PRED to return non-nil; return its value."
  (let ((deadline (+ (float-time) (or seconds 30)))
        value)
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.1))
    value))

(defun copydesk-test-messages ()
  "The texts of the current buffer's Flymake diagnostics."
  (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))

;; The README's setup, for text-mode (markdown-mode is not part of Emacs).
(add-to-list 'eglot-server-programs
             `((text-mode) . (,copydesk-test-bin "lsp"
                              :initializationOptions (:rules (:vague-attribution "off")))))

(let* ((dir (make-temp-file "copydesk-emacs" t))
       (file (expand-file-name "story.txt" dir)))
  (with-temp-file file
    (insert "Lena Vega opened the bakery on Harbor Street in 2019.\n\n"
            "The pier will close in May, a source said.\n"))
  (find-file file)
  (text-mode)
  (apply #'eglot (eglot--guess-contact))
  (copydesk-test-check "eglot connects to copydesk" (eglot-current-server))

  (let ((messages (copydesk-test-wait
                   (lambda ()
                     (let ((m (copydesk-test-messages)))
                       (and (cl-some (lambda (s) (string-match-p "anonymous source" s)) m) m))))))
    (copydesk-test-check (format "Flymake shows the server's diagnostics: %S" messages) messages))

  ;; Eglot files symbols under their kind: the outline's top entries are namespaces.
  (let* ((index (funcall imenu-create-index-function))
         (names (mapcar (lambda (e) (if (consp e) (car e) e))
                        (cdr (assoc "Namespace" index)))))
    (copydesk-test-check (format "imenu lists the sourcing outline: %S" index)
                         (and (member "People" names) (member "Sources" names))))

  (let* ((actions (eglot-code-actions (point-min) (point-max) "quickfix"))
         (ignore (cl-find-if (lambda (a)
                               (string-prefix-p "Ignore anonymous-source" (plist-get a :title)))
                             actions)))
    (copydesk-test-check (format "quick fixes are offered: %S"
                                 (mapcar (lambda (a) (plist-get a :title)) actions))
                         ignore)
    (when ignore
      (eglot--apply-workspace-edit (plist-get ignore :edit))
      ;; Eglot sends edits and Flymake re-runs on idle timers, which never fire in batch mode:
      ;; do now what they would do.
      (eglot--signal-textDocument/didChange)
      (copydesk-test-check "the fix inserts the directive"
                           (save-excursion
                             (goto-char (point-min))
                             (search-forward "copydesk-ignore anonymous-source: TODO" nil t)))
      (copydesk-test-check
       "the server re-analyses: the directive asks for a reason"
       (copydesk-test-wait
        (lambda ()
          (flymake-start)
          (cl-some (lambda (s) (string-match-p "gives no reason" s)) (copydesk-test-messages)))))))

  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (set-buffer-modified-p nil)
  (delete-directory dir t))

(message "emacs %s, eglot: %d passed, %d failed"
         emacs-version copydesk-test-passes copydesk-test-failures)
(kill-emacs (if (and (> copydesk-test-passes 0) (= copydesk-test-failures 0)) 0 1))
