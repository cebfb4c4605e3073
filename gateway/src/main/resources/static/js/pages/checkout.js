// Checkout, once per intent. Rules (docs/web-store.md):
// 1. An attempt (an Idempotency-Key, the user and the lines) is created when "Place order"
//    is first pressed and kept in sessionStorage until an answer settles it: every retry
//    of that attempt (a second click, a retry after a network error, a reload of this
//    page) sends the same key and the same lines, so order-service answers the first
//    order again instead of placing a second one. The disabled button is a courtesy;
//    correctness does not depend on it.
// 2. An accepted order (CONFIRMED or PENDING) empties the cart of the ordered products:
//    a record per order in sessionStorage says whether that clearing is done; a pending
//    one is finished at the next start of the store, so a reload never brings the ordered
//    lines back. Products added meanwhile (another tab) that were not in the order stay.

import { api, ApiError, explain } from '../api.js';
import { h, fill, money, heading, alertBox, busy, countdown, productsById, productName } from '../ui.js';
import { requireAccount, refreshCart, setCart } from '../state.js';

const ATTEMPT = 'statewise.checkout';
const CLEAR = 'statewise.clear.';
const DAY = 24 * 60 * 60 * 1000;

let inFlight = null;

function readAttempt() {
	try {
		return JSON.parse(sessionStorage.getItem(ATTEMPT));
	}
	catch {
		return null;
	}
}

function uuid() {
	if (crypto.randomUUID) {
		return crypto.randomUUID();
	}
	// plain http from another machine is no secure context: no randomUUID there
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6] & 0x0f) | 0x40;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function checkoutPage(context) {
	const account = await requireAccount();
	if (!account) {
		return h('section', { class: 'page narrow' },
			heading('Check out'),
			h('p', null, 'Log in or create an account to place your order. Your cart is kept.'),
			h('p', { class: 'actions' },
				h('a', { class: 'button', href: '#/login?next=%2Fcheckout' }, 'Log in'),
				h('a', { class: 'button secondary', href: '#/signup?next=%2Fcheckout' }, 'Sign up')));
	}
	let attempt = readAttempt();
	if (attempt && attempt.userId !== account.id) {
		// another account's unfinished checkout in this tab: it cannot be this user's order
		sessionStorage.removeItem(ATTEMPT);
		attempt = null;
	}
	const lines = attempt ? attempt.lines : (await refreshCart()).lines;
	if (!lines.length) {
		return h('section', { class: 'page narrow' },
			heading('Check out'),
			h('p', { class: 'empty' }, 'Your cart is empty: there is nothing to order yet. ',
				h('a', { href: '#/' }, 'Browse the catalog'), '.'));
	}
	const byId = await productsById(lines.map((line) => line.productId));
	const outcome = h('div', { class: 'form-alert', id: 'checkout-outcome' });
	const button = h('button', { type: 'button', class: 'button', id: 'place-order' },
		attempt ? 'Try again' : 'Place order');
	button.addEventListener('click', () => place(button, outcome, account, lines, context));
	const view = h('section', { class: 'page narrow checkout' },
		heading(attempt ? 'Finishing your order' : 'Check out'),
		attempt ? h('p', { class: 'notice' }, 'You placed this order a moment ago and the store has not heard the '
			+ 'answer yet. It is asking again with the same order request, so you will not be charged twice.') : null,
		h('h2', null, 'Your items'),
		h('ul', { class: 'summary-lines' }, lines.map((line) => {
			const product = byId.get(line.productId);
			return h('li', null, h('span', null, `${line.quantity} × ${productName(byId, line.productId)}`),
				h('span', null, product ? money({ amountMinor: product.price.amountMinor * line.quantity,
					currency: product.price.currency }) : ''));
		})),
		h('p', { class: 'hint' }, 'The warehouse reserves your items and fixes their prices when you place the order.'),
		outcome,
		h('p', { class: 'actions' }, button, attempt ? null : h('a', { href: '#/cart' }, 'Back to the cart')));
	if (attempt) {
		// the answer to this attempt never arrived (reload, network): ask again, same key
		queueMicrotask(() => place(button, outcome, account, lines, context));
	}
	return view;
}

/** Sends the current attempt, creating it on the first press; a second press joins it. */
function place(button, outcome, account, lines, context) {
	if (inFlight) {
		return inFlight;
	}
	let attempt = readAttempt();
	if (!attempt) {
		attempt = { key: uuid(), userId: account.id, lines, createdAt: Date.now() };
		sessionStorage.setItem(ATTEMPT, JSON.stringify(attempt));
	}
	fill(outcome);
	inFlight = busy(button, 'Placing your order…', () => send(attempt))
		.then((order) => accepted(order, context))
		.catch((error) => failed(error, button, outcome))
		.finally(() => {
			inFlight = null;
		});
	return inFlight;
}

async function send(attempt) {
	const response = await api('POST', '/api/orders', { body: { lines: attempt.lines },
		headers: { 'Idempotency-Key': attempt.key } });
	// 201 (CONFIRMED or REJECTED) or 202 (PENDING): settled, whatever happens next
	sessionStorage.removeItem(ATTEMPT);
	return response.data;
}

async function accepted(order, context) {
	if (order.status !== 'REJECTED') {
		recordClear(order);
		await finishCartClears();
	}
	context.navigate(`/orders/${order.id}?placed=1`);
}

function failed(error, button, outcome) {
	if (!(error instanceof ApiError)) {
		fill(outcome, alertBox(error));
		return;
	}
	if (settles(error)) {
		sessionStorage.removeItem(ATTEMPT);
		fill(outcome, refusal(error));
		button.textContent = 'Place order';
		button.hidden = true;
		return;
	}
	// no answer, or one that says nothing happened yet: the same attempt may be sent again
	const info = explain(error);
	const box = alertBox({ ...info, text: `${info.text} Your order request is kept: trying again cannot `
		+ 'place it twice.', retry: false });
	box.tabIndex = -1;
	fill(outcome, box);
	button.textContent = 'Try again';
	countdown(button, info.retryAfter, 'Try again');
	box.focus();
}

/** Answers after which this attempt can never become an order (or already is one). */
function settles(error) {
	return [400, 409, 413, 415, 422].includes(error.status);
}

function refusal(error) {
	const p = error.problem;
	if (error.kind === 'unknown-product') {
		const ids = (p.unknownProducts || []).join(', ');
		return alertBox({ title: 'Some products are no longer sold', text: `The store no longer sells ${ids}. `
			+ 'Remove them from your cart, then check out again.' });
	}
	if (error.kind === 'idempotency-key-reused' && p.orderId) {
		const box = alertBox({ title: p.title, text: p.detail });
		box.append(h('p', null, h('a', { href: `#/orders/${p.orderId}` }, 'See the order placed with it')));
		return box;
	}
	const box = alertBox(error);
	box.append(h('p', null, h('a', { href: '#/cart' }, 'Review your cart')));
	return box;
}

// --- emptying the cart after an accepted order -------------------------------------------

function recordClear(order) {
	const key = CLEAR + order.id;
	if (!sessionStorage.getItem(key)) {
		sessionStorage.setItem(key, JSON.stringify({ productIds: order.lines.map((line) => line.productId),
			state: 'pending', at: Date.now() }));
	}
}

/**
 * Removes the ordered products' lines for every accepted order whose clearing is not done
 * yet. Each removal is a DELETE of one line: repeating it changes nothing, so a clearing
 * interrupted half-way is simply run again.
 */
export async function finishCartClears() {
	for (const key of Object.keys(sessionStorage).filter((k) => k.startsWith(CLEAR))) {
		const record = JSON.parse(sessionStorage.getItem(key));
		if (record.state === 'done') {
			if (Date.now() - record.at > DAY) sessionStorage.removeItem(key);
			continue;
		}
		try {
			let cart = null;
			for (const productId of record.productIds) {
				cart = (await api('DELETE', `/api/cart/lines/${encodeURIComponent(productId)}`, { retries: 2 })).data;
			}
			sessionStorage.setItem(key, JSON.stringify({ ...record, state: 'done' }));
			if (cart) setCart(cart);
		}
		catch (error) {
			if (error instanceof ApiError && error.status === 401) {
				// the session (and its cart) is gone: nothing left to clear
				sessionStorage.setItem(key, JSON.stringify({ ...record, state: 'done' }));
			}
			// otherwise stays pending: the next start of the store finishes it
		}
	}
}
