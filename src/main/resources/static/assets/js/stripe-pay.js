// Stripe's Payment Element on the order page, when Stripe takes the payments: the card goes from
// the buyer's browser to Stripe, only a PaymentMethod id comes back, and Boxoffice confirms the
// payment server-side (POST /orders/{id}/pay). A challenge the bank asks for in the page (3-D
// Secure) is completed here with the client secret the server answered, then the order is shown.
"use strict";

const form = document.querySelector("form[data-stripe-key]");
if (form && window.Stripe) {
  const stripe = window.Stripe(form.dataset.stripeKey);
  const problem = form.querySelector("[data-payment-error]");
  const show = (message) => {
    problem.textContent = message;
    problem.hidden = false;
    delete form.dataset.sent; // the buyer may correct the card and send again
  };

  if (form.dataset.clientSecret) {
    stripe.handleNextAction({ clientSecret: form.dataset.clientSecret }).then((result) => {
      if (result.error) {
        show(result.error.message);
      } else {
        window.location.assign(window.location.pathname.replace(/\/pay$/, ""));
      }
    });
  }

  const elements = stripe.elements({
    mode: "payment",
    amount: Number(form.dataset.amount),
    currency: form.dataset.currency,
    paymentMethodCreation: "manual",
  });
  elements.create("payment").mount("#payment-element");

  form.addEventListener("submit", async (event) => {
    if (form.elements.paymentMethod.value) {
      return; // the PaymentMethod is made: the form goes to Boxoffice
    }
    event.preventDefault();
    const submitted = await elements.submit();
    if (submitted.error) {
      show(submitted.error.message);
      return;
    }
    const created = await stripe.createPaymentMethod({ elements });
    if (created.error) {
      show(created.error.message);
      return;
    }
    form.elements.paymentMethod.value = created.paymentMethod.id;
    form.submit();
  });
}
