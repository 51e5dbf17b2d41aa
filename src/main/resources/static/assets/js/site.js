// Progressive enhancement only: every page works without this file.
"use strict";

// The hold countdown on the order page: minutes and seconds left, then the pay button goes.
for (const timer of document.querySelectorAll("[data-countdown]")) {
  const end = Date.parse(timer.dataset.countdown);
  const pay = document.querySelector("[data-pay] button");
  const tick = () => {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    timer.textContent = left > 0
      ? `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")} left`
      : "Your hold has expired.";
    if (left === 0) {
      if (pay) pay.disabled = true;
      clearInterval(interval);
    }
  };
  const interval = setInterval(tick, 1000);
  tick();
}

// A form is sent once: a second press while the first is on its way does nothing.
for (const form of document.querySelectorAll("form")) {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) {
      event.preventDefault();
    }
    form.dataset.sent = "true";
  });
}

// Live availability on the event page, from the API every 15 s while the page is visible.
for (const form of document.querySelectorAll("[data-availability]")) {
  const refresh = async () => {
    if (document.hidden) return;
    const response = await fetch(`/api/v1/events/${form.dataset.eventId}/availability`);
    if (!response.ok) return;
    const body = await response.json();
    for (const type of body.ticketTypes ?? []) {
      const cell = form.querySelector(`[data-left-of="${type.id}"]`);
      if (cell) cell.textContent = type.available > 0 ? String(type.available) : "Sold out";
      const select = form.querySelector(`select[name="quantity-${type.id}"]`);
      if (select) {
        // no more can be chosen than is left; nothing at all once sold out
        for (const option of select.options) option.disabled = Number(option.value) > type.available;
        if (Number(select.value) > type.available) select.value = "0";
        select.disabled = type.available === 0;
      }
    }
  };
  setInterval(refresh, 15000);
}

// "Near me" on the search page: where the browser may tell the location, search around it.
for (const button of document.querySelectorAll("[data-near-me]")) {
  if (!navigator.geolocation) continue;
  const form = button.closest("form");
  const status = form.querySelector("[data-near-me-status]");
  button.hidden = false;
  button.addEventListener("click", () => {
    status.textContent = "Finding where you are…";
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.querySelector("#near").value =
          `${position.coords.latitude.toFixed(4)},${position.coords.longitude.toFixed(4)}`;
        form.querySelector("#city").value = "";
        form.submit();
      },
      () => { status.textContent = "Your location is not available. Search by city instead."; },
      { timeout: 10000, maximumAge: 600000 });
  });
}

// Figures that change while the page is open (the sales dashboard): the page itself is fetched
// again every data-live seconds while visible, and the block replaced by its new version.
for (const block of document.querySelectorAll("[data-live]")) {
  const refresh = async () => {
    if (document.hidden) return;
    const response = await fetch(location.href, { headers: { Accept: "text/html" } });
    if (!response.ok) return;
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById(block.id);
    if (fresh) block.replaceChildren(...fresh.childNodes);
  };
  setInterval(refresh, Number(block.dataset.live) * 1000);
}

// Scanning a ticket's QR code with the camera, where the browser can read barcodes itself.
for (const button of document.querySelectorAll("[data-scan]")) {
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices?.getUserMedia) continue;
  const form = button.closest("form");
  const video = form.querySelector("[data-scan-video]");
  const status = form.querySelector("[data-scan-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      status.textContent = "Point the camera at the ticket's code.";
      const look = async () => {
        const [found] = await detector.detect(video);
        if (found?.rawValue) {
          stream.getTracks().forEach((track) => track.stop());
          form.querySelector("#code").value = found.rawValue;
          form.submit();
        } else {
          setTimeout(look, 200);
        }
      };
      look();
    } catch {
      status.textContent = "The camera is not available here. Type the code instead.";
    }
  });
}
