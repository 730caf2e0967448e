// An import page (the registry, the revenue history): send the chosen file with upload progress (a national file is tens of MB), then show the
// server's result in place, so the chosen file stays selected for a fix-and-retry. Without JS the form posts normally.
(function () {
    const form = document.getElementById('import-form');
    if (!form || !window.XMLHttpRequest || !window.FormData) return;
    const progress = document.getElementById('import-progress');
    const bar = progress.querySelector('.progress-bar');
    const result = document.getElementById('import-result');

    function setProgress(percent, text) {
        progress.setAttribute('aria-valuenow', String(percent));
        bar.style.width = percent + '%';
        bar.textContent = text || (percent + '%');
    }

    form.addEventListener('submit', function (event) {
        event.preventDefault();
        const submitter = event.submitter;
        const data = new FormData(form);
        if (submitter && submitter.name) data.set(submitter.name, submitter.value);
        const buttons = form.querySelectorAll('button');
        buttons.forEach(b => b.disabled = true);
        progress.classList.remove('d-none');
        setProgress(0);

        const xhr = new XMLHttpRequest();
        xhr.open('POST', form.getAttribute('action') || window.location.pathname);
        xhr.upload.addEventListener('progress', function (e) {
            if (e.lengthComputable) {
                const percent = Math.round(e.loaded * 100 / e.total);
                setProgress(percent, percent < 100 ? percent + '%' : 'อัปโหลดแล้ว กำลังตรวจสอบข้อมูล…');
            }
        });
        xhr.addEventListener('load', function () {
            buttons.forEach(b => b.disabled = false);
            const html = new DOMParser().parseFromString(xhr.responseText, 'text/html');
            const fresh = html.getElementById('import-result');
            if (fresh) {
                result.innerHTML = fresh.innerHTML;
                setProgress(100, 'เสร็จสิ้น');
            } else {
                result.innerHTML = '<div class="alert alert-danger" role="alert">ส่งไฟล์ไม่สำเร็จ (รหัส ' + xhr.status + ') กรุณาลองใหม่</div>';
                setProgress(0, 'ไม่สำเร็จ');
            }
            result.scrollIntoView({ behavior: 'smooth', block: 'start' });
        });
        xhr.addEventListener('error', function () {
            buttons.forEach(b => b.disabled = false);
            result.innerHTML = '<div class="alert alert-danger" role="alert">เชื่อมต่อเซิร์ฟเวอร์ไม่ได้ กรุณาลองใหม่</div>';
            setProgress(0, 'ไม่สำเร็จ');
        });
        xhr.send(data);
    });
})();
