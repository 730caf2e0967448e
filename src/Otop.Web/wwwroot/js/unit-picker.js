// The unit picker (Features/Org/_UnitPicker.cshtml, issue 17 item 2): turns the text field into a WAI-ARIA combobox
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/, "list autocomplete"): typing searches GET /Org/Units in the
// caller's scope, results grouped by province; Down/Up move, Enter chooses, Escape closes, Alt+Down opens. The chosen
// unit fills the field as "2701 อำเภอเมืองสระแก้ว", whose code the page reads on submit, as it does without script.
(function () {
    'use strict';
    var LIMIT = 20;

    function setup(root) {
        if (root.dataset.unitPickerReady) return;
        root.dataset.unitPickerReady = '1';
        var input = root.querySelector('input');
        var list = root.querySelector('[role="listbox"]');
        var status = root.querySelector('[data-unit-picker-status]');
        var chosen = input.value;
        var options = [];
        var active = -1;
        var timer = null;
        var pending = null;

        input.setAttribute('role', 'combobox');
        input.setAttribute('aria-autocomplete', 'list');
        input.setAttribute('aria-expanded', 'false');
        input.setAttribute('aria-controls', list.id);

        function close() {
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
            active = -1;
        }

        function open() {
            if (options.length === 0) return;
            list.hidden = false;
            input.setAttribute('aria-expanded', 'true');
        }

        function highlight(index) {
            if (active >= 0 && options[active]) options[active].setAttribute('aria-selected', 'false');
            active = index;
            if (active < 0) { input.removeAttribute('aria-activedescendant'); return; }
            var option = options[active];
            option.setAttribute('aria-selected', 'true');
            input.setAttribute('aria-activedescendant', option.id);
            option.scrollIntoView({ block: 'nearest' });
        }

        function choose(option) {
            input.value = option.dataset.value;
            chosen = input.value;
            close();
            status.textContent = 'เลือก ' + option.dataset.value;
        }

        function render(answer) {
            list.textContent = '';
            options = [];
            active = -1;
            var group = null;
            var lastGroup = null;
            answer.results.forEach(function (unit) {
                if (unit.group !== lastGroup) {
                    lastGroup = unit.group;
                    group = document.createElement('div');
                    group.setAttribute('role', 'group');
                    var heading = document.createElement('div');
                    heading.id = list.id + '-g' + unit.group;
                    heading.className = 'unit-picker-group';
                    heading.setAttribute('role', 'presentation');
                    heading.textContent = unit.groupLabel;
                    group.setAttribute('aria-labelledby', heading.id);
                    group.appendChild(heading);
                    list.appendChild(group);
                }
                var option = document.createElement('div');
                option.id = list.id + '-o' + unit.code;
                option.className = 'unit-picker-option' + (unit.code.length === 4 ? ' unit-picker-district' : '');
                option.setAttribute('role', 'option');
                option.setAttribute('aria-selected', 'false');
                option.dataset.value = unit.code + ' ' + unit.label;
                var code = document.createElement('span');
                code.className = 'unit-picker-code';
                code.textContent = unit.code;
                option.appendChild(code);
                option.appendChild(document.createTextNode(' ' + unit.label));
                group.appendChild(option);
                options.push(option);
            });
            status.textContent = options.length === 0 ? 'ไม่พบหน่วยงานที่ตรงกัน'
                : answer.more ? 'แสดง ' + options.length + ' หน่วยงานแรกที่ตรงกัน พิมพ์เพิ่มเพื่อให้แคบลง'
                : 'พบ ' + options.length + ' หน่วยงาน ใช้ลูกศรขึ้นลงเพื่อเลือก';
            if (options.length === 0) close(); else open();
        }

        function search() {
            var q = input.value === chosen ? '' : input.value;
            if (pending) pending.abort();
            pending = new AbortController();
            var url = root.dataset.source + '&limit=' + LIMIT + '&q=' + encodeURIComponent(q);
            fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: pending.signal })
                .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
                .then(render)
                .catch(function (e) { if (e.name !== 'AbortError') status.textContent = 'ค้นหาหน่วยงานไม่ได้ในขณะนี้ พิมพ์รหัสหรือชื่อแล้วกดแสดง'; });
        }

        input.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(search, 150);
        });

        input.addEventListener('keydown', function (e) {
            var expanded = !list.hidden;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                var down = e.key === 'ArrowDown';
                if (!expanded) {
                    // Alt+Down opens the list without moving into it; a list not fetched yet is fetched first.
                    if (options.length === 0) { search(); return; }
                    open();
                    if (e.altKey) return;
                }
                if (options.length > 0) highlight(down ? (active + 1) % options.length : (active <= 0 ? options.length - 1 : active - 1));
            } else if (e.key === 'Enter') {
                // Enter chooses the highlighted unit; with none highlighted the form is sent as typed.
                if (expanded && active >= 0) { e.preventDefault(); choose(options[active]); }
            } else if (e.key === 'Escape') {
                if (expanded) { e.preventDefault(); close(); }
                else if (input.value !== chosen) { e.preventDefault(); input.value = chosen; }
            } else if (e.key === 'Tab') {
                close();
            }
        });

        // A pointer press on an option must not blur the field first (the list would close under it).
        list.addEventListener('mousedown', function (e) { e.preventDefault(); });
        list.addEventListener('click', function (e) {
            var option = e.target.closest('[role="option"]');
            if (option) { choose(option); input.focus(); }
        });
        input.addEventListener('blur', function () { setTimeout(close, 0); });
    }

    function init() { document.querySelectorAll('[data-unit-picker]').forEach(setup); }
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
