// drafts.js: nothing typed into a form is lost before the server has it (issue 15, item 1). Declarative, for any form:
//
//   <form method="post" data-draft-key="estimate:{account}:{district}:{fiscal year}"> …
//     <span data-draft-status role="status" aria-live="polite"></span>   (where the Thai messages go; beside Save)
//   </form>
//   <script src="~/js/drafts.js" asp-append-version="true"></script>
//
// - data-draft-key: what the draft belongs to. Put the account in it (the same key after signing in again offers the
//   draft back; another account never sees it). Optional data-draft-signin: the sign-in path (default /Account/Login).
// - Every named control but the antiforgery token, files, and those marked data-draft-skip is kept in localStorage as it
//   is typed, hidden fields too (the version and the base a save started from travel with the draft, so the server's
//   version check and merge still apply to a draft sent later).
// - Save posts with fetch. The server confirms a save by redirecting (Post/Redirect/Get) to any page but the sign-in
//   page; only then is the draft cleared. Any other page it answers (errors, a conflict to resolve) is shown and the draft
//   kept. Offline, a timeout, a 5xx: the figures stay, the status says so in Thai and the save is sent again when the
//   connection returns. A lost session (a redirect to sign-in, 401): the status says so with a sign-in link; after
//   signing in the page offers the draft back.
// - Leaving with unsaved changes warns (beforeunload); Save is disabled while saving.
// - A page that must send its form another way sets form.otopDraftSend = { body: function (submitter) { return FormData; },
//   headers: {…} } (the estimate sends its grid as one JSON field, issue 16 item 4) and may answer JSON: {redirect} when
//   saved (the draft is cleared, the page goes there); anything else keeps the draft and is handed to the page in an
//   'otop:draft-refused' event on the form (detail: {status, body}) to show its errors.
(function () {
  'use strict';
  if (window.OtopDrafts) { window.OtopDrafts.scan(); return; } // the page was replaced by a server answer: attach again

  var PREFIX = 'otop-draft:';
  var KEPT = 'otop-draft-kept:';
  var TIMEOUT_MS = 30000;
  var RETRY_MS = 15000;

  function storageKey(form) { return PREFIX + form.dataset.draftKey; }

  function controls(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== '__RequestVerificationToken' && !el.disabled && el.type !== 'file' && el.type !== 'submit'
        && el.type !== 'button' && el.type !== 'reset' && !el.hasAttribute('data-draft-skip');
    });
  }

  function id(el) { return el.type === 'checkbox' || el.type === 'radio' ? el.name + '=' + el.value : el.name; }
  function valueOf(el) { return el.type === 'checkbox' || el.type === 'radio' ? (el.checked ? '1' : '') : el.value; }

  function snapshot(form, visibleOnly) {
    var values = {};
    controls(form).forEach(function (el) { if (!visibleOnly || el.type !== 'hidden') values[id(el)] = valueOf(el); });
    return values;
  }

  function same(a, b) {
    var keys = Object.keys(a).concat(Object.keys(b));
    for (var i = 0; i < keys.length; i++) if ((a[keys[i]] || '') !== (b[keys[i]] || '')) return false;
    return true;
  }

  function read(form) {
    try { return JSON.parse(localStorage.getItem(storageKey(form)) || 'null'); } catch (e) { return null; }
  }

  function write(form, pending) {
    try {
      localStorage.setItem(storageKey(form), JSON.stringify({ at: Date.now(), pending: !!pending, values: snapshot(form, false) }));
    } catch (e) { /* storage full or disabled: the form still works as before */ }
  }

  function clear(form) { try { localStorage.removeItem(storageKey(form)); } catch (e) { /* nothing kept */ } }

  function restore(form, draft) {
    controls(form).forEach(function (el) {
      var key = id(el);
      if (!(key in draft.values)) return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = draft.values[key] === '1';
      else el.value = draft.values[key];
    });
    form.dispatchEvent(new Event('input', { bubbles: true })); // totals and the like recompute
  }

  function timeOf(draft) {
    var d = new Date(draft.at);
    return d.toLocaleString('th-TH', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  }

  function Draft(form) {
    this.form = form;
    this.status = form.querySelector('[data-draft-status]') || form.parentNode.insertBefore(document.createElement('div'), form.nextSibling);
    this.saving = false;
    this.leaving = false;
    this.retryTimer = null;
    this.initial = snapshot(form, true);
    this.dirty = false;
    var self = this;
    form.addEventListener('input', function () { self.changed(); });
    form.addEventListener('change', function () { self.changed(); });
    form.addEventListener('submit', function (e) { e.preventDefault(); self.save(e.submitter); });
    window.addEventListener('online', function () { self.online(); });
    window.addEventListener('beforeunload', function (e) {
      if (!self.dirty || self.leaving) return;
      e.preventDefault();
      e.returnValue = '';
    });
    this.start();
  }

  Draft.prototype.say = function (text, kind, action) {
    this.status.textContent = text;
    this.status.className = this.status.className.replace(/\bdraft-(ok|warn|error)\b/g, '').trim() + ' draft-' + kind;
    if (action) { this.status.appendChild(document.createTextNode(' ')); this.status.appendChild(action); }
  };

  Draft.prototype.button = function (text, onClick, testId) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-sm btn-outline-dark ms-1';
    b.textContent = text;
    b.setAttribute('data-testid', testId);
    b.addEventListener('click', onClick);
    return b;
  };

  Draft.prototype.start = function () {
    var self = this, form = this.form, draft = read(form);
    var kept = false;
    try { kept = sessionStorage.getItem(KEPT + form.dataset.draftKey) === '1'; sessionStorage.removeItem(KEPT + form.dataset.draftKey); } catch (e) { /* none */ }
    if (kept) {
      // The server answered a save with this page (errors, a conflict to resolve): what it shows is still not saved.
      write(form, false);
      this.dirty = true;
      this.initial = null; // never "back to the server's values": the server has none of these yet
      this.say('ยังไม่ได้บันทึก: ตัวเลขที่พิมพ์เก็บไว้ในเครื่องนี้แล้ว แก้ไขตามที่แจ้งแล้วกดบันทึกอีกครั้ง', 'warn');
      return;
    }
    if (!draft || !draft.values) return;
    var visible = {};
    controls(form).forEach(function (el) { if (el.type !== 'hidden' && id(el) in draft.values) visible[id(el)] = draft.values[id(el)]; });
    if (same(visible, this.initial)) { clear(form); return; } // the server already has what was typed
    if (draft.pending) {
      // A save made offline (or cut off): put it back and send it as soon as there is a connection.
      restore(form, draft);
      this.dirty = true;
      if (navigator.onLine) this.save(null);
      else this.say('ออฟไลน์: ตัวเลขที่พิมพ์ไว้เมื่อ ' + timeOf(draft) + ' ยังไม่ได้บันทึก จะบันทึกให้เมื่อกลับมาออนไลน์', 'warn');
      return;
    }
    this.say('มีตัวเลขที่พิมพ์ไว้ในเครื่องนี้เมื่อ ' + timeOf(draft) + ' ที่ยังไม่ได้บันทึก', 'warn');
    this.status.appendChild(this.button('นำกลับมา', function () {
      restore(form, draft);
      self.dirty = true;
      self.say('นำตัวเลขที่พิมพ์ไว้กลับมาแล้ว ตรวจสอบแล้วกดบันทึก', 'warn');
    }, 'draft-restore'));
    this.status.appendChild(this.button('ทิ้ง', function () { clear(form); self.say('', 'ok'); }, 'draft-discard'));
  };

  Draft.prototype.changed = function () {
    if (this.initial && same(snapshot(this.form, true), this.initial)) { this.dirty = false; clear(this.form); return; }
    this.dirty = true;
    write(this.form, false);
  };

  Draft.prototype.setSaving = function (saving) {
    this.saving = saving;
    Array.prototype.forEach.call(this.form.querySelectorAll('button[type=submit], input[type=submit], button:not([type])'), function (b) {
      b.disabled = saving;
    });
    this.form.setAttribute('aria-busy', saving ? 'true' : 'false');
  };

  Draft.prototype.online = function () {
    var draft = read(this.form);
    if (draft && draft.pending && !this.saving) this.save(null);
  };

  Draft.prototype.retryLater = function () {
    var self = this;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(function () { if (navigator.onLine) self.online(); }, RETRY_MS);
  };

  Draft.prototype.save = function (submitter) {
    if (this.saving) return;
    var self = this, form = this.form;
    write(form, true);
    this.setSaving(true);
    this.say('กำลังบันทึก…', 'ok');
    var send = form.otopDraftSend;
    var body = send ? send.body(submitter) : new FormData(form);
    if (!send && submitter && submitter.name) body.append(submitter.name, submitter.value);
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    var signin = form.dataset.draftSignin || '/Account/Login';
    // A button's formaction (asp-page-handler on the button, e.g. the survey's Save and Send) picks the handler.
    var target = submitter && submitter.hasAttribute('formaction') ? submitter.formAction : (form.action || location.href);
    fetch(target, { method: 'POST', body: body, headers: (send && send.headers) || {}, credentials: 'same-origin', signal: controller.signal })
      .then(function (response) {
        clearTimeout(timer);
        var path = new URL(response.url, location.href).pathname;
        if (response.status === 401 || (response.redirected && path.toLowerCase() === signin.toLowerCase())) {
          write(form, false);
          self.setSaving(false);
          var link = document.createElement('a');
          link.href = signin + '?ReturnUrl=' + encodeURIComponent(location.pathname + location.search);
          link.textContent = 'เข้าสู่ระบบอีกครั้ง';
          link.setAttribute('data-testid', 'draft-signin');
          self.say('ยังไม่ได้บันทึก: หมดเวลาการเข้าสู่ระบบ ตัวเลขที่พิมพ์เก็บไว้ในเครื่องนี้แล้ว เข้าสู่ระบบแล้วจะนำกลับมาให้', 'error', link);
          return null;
        }
        if (response.status >= 500) {
          self.setSaving(false);
          self.say('ยังไม่ได้บันทึก: เซิร์ฟเวอร์ขัดข้อง (' + response.status + ') ตัวเลขเก็บไว้ในเครื่องนี้แล้ว จะลองบันทึกอีกครั้งโดยอัตโนมัติ', 'error');
          self.retryLater();
          return null;
        }
        if ((response.headers.get('Content-Type') || '').indexOf('application/json') === 0) return self.answered(response);
        return response.text().then(function (html) {
          if (response.redirected && response.ok) {
            clear(form);
          } else {
            write(form, false);
            try { sessionStorage.setItem(KEPT + form.dataset.draftKey, '1'); } catch (e) { /* the draft is kept anyway */ }
          }
          self.leaving = true;
          self.show(html, response.redirected ? response.url : null);
        });
      })
      .catch(function () {
        clearTimeout(timer);
        self.setSaving(false);
        self.say(navigator.onLine
          ? 'ยังไม่ได้บันทึก: การเชื่อมต่อขัดข้องหรือช้าเกินไป ตัวเลขเก็บไว้ในเครื่องนี้แล้ว จะลองบันทึกอีกครั้งโดยอัตโนมัติ'
          : 'ยังไม่ได้บันทึก: ไม่มีการเชื่อมต่ออินเทอร์เน็ต ตัวเลขเก็บไว้ในเครื่องนี้แล้ว จะบันทึกให้เมื่อกลับมาออนไลน์', 'error');
        self.retryLater();
      });
  };

  // A JSON answer (a page with its own sending, form.otopDraftSend): {redirect} is saved; anything else is refused.
  Draft.prototype.answered = function (response) {
    var self = this, form = this.form;
    return response.json().catch(function () { return null; }).then(function (body) {
      if (response.ok && body && body.redirect) {
        clear(form);
        self.leaving = true;
        window.location.assign(body.redirect);
        return;
      }
      write(form, false);
      self.setSaving(false);
      self.say('ยังไม่ได้บันทึก: ตัวเลขที่พิมพ์เก็บไว้ในเครื่องนี้แล้ว แก้ไขตามที่แจ้งแล้วกดบันทึกอีกครั้ง', 'warn');
      form.dispatchEvent(new CustomEvent('otop:draft-refused', { detail: { status: response.status, body: body } }));
    });
  };

  // The server's answer replaces the page, as a normal form post would (its scripts run again and attach anew).
  Draft.prototype.show = function (html, url) {
    if (url) history.replaceState(null, '', url);
    document.open();
    document.write(html);
    document.close();
  };

  window.OtopDrafts = {
    scan: function () {
      Array.prototype.forEach.call(document.querySelectorAll('form[data-draft-key]'), function (form) {
        if (!form.otopDraft) form.otopDraft = new Draft(form);
      });
    },
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', window.OtopDrafts.scan);
  else window.OtopDrafts.scan();
})();
