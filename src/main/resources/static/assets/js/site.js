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
    }
  };
  setInterval(refresh, 15000);
}
