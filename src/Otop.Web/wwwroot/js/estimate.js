// The estimate page at any size (issue 16, item 4): the grid is sent as ONE JSON field (LinesJson), so no form limit is
// ever near; a refusal or a lost connection leaves every typed value in place with a Thai message beside Save. A long
// list is shown 25 producers a page with a search. Without this script the form still posts as plain named inputs.
(function () {
    'use strict';
    var form = document.querySelector('form[data-estimate-form]');
    if (!form) return;
    var rows = Array.prototype.slice.call(form.querySelectorAll('tr[data-code]'));
    var box = form.querySelector('[data-estimate-errors]');

    // The refusal's errors beside Save; an error of a cell (fields: [{id, message}]) links to it, and the cell is marked
    // aria-invalid and described by its message, as the server's error summary does (Shared/_ErrorSummary).
    function show(messages, fields) {
        if (!box) return;
        box.textContent = '';
        Array.prototype.forEach.call(form.querySelectorAll('[data-script-error]'), function (el) { el.remove(); });
        Array.prototype.forEach.call(form.querySelectorAll('input[aria-invalid]'), function (el) {
            el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); el.classList.remove('is-invalid');
        });
        var linked = {};
        (fields || []).forEach(function (f) {
            var input = document.getElementById(f.id);
            if (!input) return;
            linked[f.message] = f.id;
            var note = document.getElementById(f.id + '-error');
            if (!note) {
                note = document.createElement('div');
                note.className = 'invalid-feedback d-block';
                note.id = f.id + '-error';
                note.setAttribute('data-script-error', '');
                input.insertAdjacentElement('afterend', note);
            }
            note.textContent = f.message;
            input.setAttribute('aria-invalid', 'true');
            input.setAttribute('aria-describedby', note.id);
            input.classList.add('is-invalid');
        });
        var list = document.createElement('ul');
        list.className = 'mb-0';
        messages.forEach(function (m) {
            var li = document.createElement('li');
            if (linked[m]) {
                var a = document.createElement('a');
                a.href = '#' + linked[m];
                a.textContent = m;
                a.addEventListener('click', function (e) {
                    var input = document.getElementById(linked[m]);
                    if (!input) return;
                    e.preventDefault();
                    var tr = input.closest('tr');
                    if (tr) tr.hidden = false;
                    input.focus();
                });
                li.appendChild(a);
            } else li.textContent = m;
            list.appendChild(li);
        });
        box.appendChild(list);
        box.hidden = false;
        box.setAttribute('tabindex', '-1');
        box.focus();
    }

    // drafts.js keeps the typed figures per account, district and fiscal year, sends, retries and warns (issue 15, item 1);
    // this script only says how the estimate is sent (the grid as one JSON field) and shows a refusal's errors.
    form.otopDraftSend = {
        headers: { 'X-Otop-Script': 'estimate' },
        body: function (submitter) {
            var data = new FormData();
            Array.prototype.forEach.call(form.elements, function (el) {
                if (!el.name || el.name.indexOf('Lines[') === 0 || el.type === 'submit') return;
                if (el.type === 'file') { if (el.files.length) data.append(el.name, el.files[0]); return; }
                data.append(el.name, el.value);
            });
            data.append('LinesJson', JSON.stringify(rows.map(function (tr) {
                return { code: tr.getAttribute('data-code'), amounts: Array.prototype.map.call(tr.querySelectorAll('input[name*=".Amounts["]'), function (i) { return i.value; }) };
            })));
            data.append('send', submitter && submitter.name === 'send' ? submitter.value : 'false');
            return data;
        },
    };
    form.addEventListener('otop:draft-refused', function (event) {
        var body = event.detail.body, status = event.detail.status;
        if (body && body.version !== undefined) { var v = form.querySelector('input[name=Version]'); if (v) v.value = body.version; }
        show(body && body.errors && body.errors.length ? body.errors
            : ['บันทึกไม่สำเร็จ (รหัส ' + status + ') ข้อมูลที่กรอกยังอยู่ กรุณาลองอีกครั้ง'], body && body.fields);
    });

    var pager = form.querySelector('[data-estimate-pager]');
    if (!pager) return;
    var size = 25, page = 0, find = pager.querySelector('[data-estimate-find]'), label = pager.querySelector('[data-estimate-page]');
    function matching() {
        var q = (find.value || '').trim().toLowerCase();
        return rows.filter(function (tr) { return !q || tr.textContent.toLowerCase().indexOf(q) >= 0 || tr.getAttribute('data-code').indexOf(q) >= 0; });
    }
    function render() {
        var shown = matching(), pages = Math.max(1, Math.ceil(shown.length / size));
        page = Math.min(page, pages - 1);
        rows.forEach(function (tr) { tr.hidden = true; });
        shown.slice(page * size, (page + 1) * size).forEach(function (tr) { tr.hidden = false; });
        label.textContent = 'หน้า ' + (page + 1) + '/' + pages + ' (' + shown.length + ' ราย)';
    }
    pager.hidden = false;
    find.addEventListener('input', function () { page = 0; render(); });
    pager.querySelector('[data-estimate-prev]').addEventListener('click', function () { if (page > 0) { page--; render(); } });
    pager.querySelector('[data-estimate-next]').addEventListener('click', function () { page++; render(); });
    render();
})();
