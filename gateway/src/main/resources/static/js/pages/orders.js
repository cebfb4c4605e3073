// The order history and one order. A PENDING order (accepted while inventory could not
// answer) is followed until the reconciler decides it: the page asks again after 1, 2, 4,
// then every 8 seconds, and shows the outcome without a reload.

import { api, ApiError, explain } from '../api.js';
import { h, fill, money, heading, alertBox, busy, dateTime, productsById, productName, orderNumber,
	statusBadge, STATUS_TEXT } from '../ui.js';
import { requireAccount } from '../state.js';
import { pager } from './catalog.js';

const PAGE_SIZE = 10;

function loginFirst(what) {
	return h('section', { class: 'page narrow' },
		heading(what),
		h('p', null, `Log in to see ${what.toLowerCase()}.`),
		h('p', null, h('a', { class: 'button', href: `#/login?next=${encodeURIComponent(location.hash.slice(1))}` },
			'Log in')));
}

export async function ordersPage({ params, signal }) {
	if (!await requireAccount()) {
		return loginFirst('Your orders');
	}
	const page = Math.max(0, Number.parseInt(params.get('page') || '1', 10) - 1 || 0);
	const { data } = await api('GET', `/api/orders?page=${page}&size=${PAGE_SIZE}`, { signal });
	const totalPages = Math.ceil(data.totalItems / PAGE_SIZE);
	const section = h('section', { class: 'page orders' }, heading('Your orders'));
	if (!data.items.length) {
		section.append(h('p', { class: 'empty' }, page ? 'No orders on this page. ' : 'You have not ordered yet. ',
			h('a', { href: '#/' }, 'Browse the catalog'), '.'));
		return section;
	}
	const byId = await productsById([...new Set(data.items.flatMap((o) => o.lines.map((l) => l.productId)))]);
	section.append(h('ul', { class: 'order-list' }, data.items.map((order) => h('li', { class: 'order-row' },
		h('a', { href: `#/orders/${order.id}` }, `Order ${orderNumber(order.id)}`),
		h('span', null, dateTime(order.createdAt)),
		statusBadge(order.status),
		h('span', null, order.total ? money(order.total) : ''),
		h('span', { class: 'hint' }, order.lines.map((l) => `${l.quantity} × ${productName(byId, l.productId)}`)
			.join(', '))))),
	pager({ page, totalPages }, (p) => `#/orders?page=${p + 1}`) || '');
	return section;
}

export async function orderPage(context, id) {
	if (!await requireAccount()) {
		return loginFirst('Your order');
	}
	let order;
	try {
		order = (await api('GET', `/api/orders/${encodeURIComponent(id)}`, { signal: context.signal })).data;
	}
	catch (error) {
		if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
			return h('section', { class: 'page narrow' },
				heading('Order not found'),
				h('p', null, 'Your account has no order with this number.'),
				h('p', null, h('a', { href: '#/orders' }, 'See your orders')));
		}
		throw error;
	}
	const section = h('section', { class: 'page order' });
	const byId = await productsById(order.lines.map((l) => l.productId));
	const show = (current) => fill(section, ...orderView(current, byId, context, show));
	show(order);
	if (order.status === 'PENDING') {
		follow(order.id, context.signal, show);
	}
	return section;
}

/** Asks again with growing pauses until the order leaves PENDING or the page is left. */
async function follow(id, signal, show) {
	let pause = 1000;
	while (!signal.aborted) {
		await new Promise((resolve) => setTimeout(resolve, pause));
		if (signal.aborted) return;
		pause = Math.min(pause * 2, 8000);
		try {
			const { data } = await api('GET', `/api/orders/${encodeURIComponent(id)}`, { signal, retries: 0 });
			if (signal.aborted) return;
			if (data.status !== 'PENDING') {
				// the status line is a live region: the change is announced where focus is
				show(data);
				return;
			}
			setFollowText(`Still waiting for the warehouse; checked at ${new Date().toLocaleTimeString('en-GB')}.`);
		}
		catch (error) {
			if (signal.aborted || error?.name === 'AbortError') return;
			const info = explain(error);
			setFollowText(`Could not check just now (${info.title}); trying again in ${pause / 1000} s.`);
		}
	}
}

function setFollowText(text) {
	const element = document.getElementById('order-follow');
	if (element) element.textContent = text;
}

function orderView(order, byId, context, show) {
	const placed = context.params.get('placed') === '1';
	const lines = h('table', { class: 'order-lines' },
		h('caption', { class: 'visually-hidden' }, 'Items in this order'),
		h('thead', null, h('tr', null,
			h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Quantity'),
			h('th', { scope: 'col' }, 'Unit price'), h('th', { scope: 'col' }, 'Amount'))),
		h('tbody', null, order.lines.map((line) => h('tr', null,
			h('td', null, h('a', { href: `#/product/${encodeURIComponent(line.productId)}` },
				productName(byId, line.productId))),
			h('td', null, String(line.quantity)),
			h('td', null, line.unitPrice ? money(line.unitPrice) : 'set on confirmation'),
			h('td', null, line.unitPrice ? money({ amountMinor: line.unitPrice.amountMinor * line.quantity,
				currency: line.unitPrice.currency }) : '–')))),
		order.total ? h('tfoot', null, h('tr', null, h('th', { scope: 'row', colspan: '3' }, 'Total'),
			h('td', null, money(order.total)))) : null);
	return [
		heading(`Order ${orderNumber(order.id)}`),
		placed && order.status !== 'REJECTED' ? h('p', { class: 'notice success' },
			'Thank you! Your order was placed and your cart emptied.') : null,
		h('p', { class: 'order-status', id: 'order-status', tabindex: '-1', role: 'status' },
			'Status: ', statusBadge(order.status)),
		explanation(order, byId),
		order.status === 'PENDING' ? h('p', { class: 'hint', id: 'order-follow', 'aria-live': 'off' },
			'This page updates by itself when the warehouse answers.') : null,
		lines,
		h('h2', null, 'History'),
		h('ol', { class: 'history' }, order.history.map((change) => h('li', null,
			`${dateTime(change.at)}: ${STATUS_TEXT[change.status] || change.status}`
				+ (change.reason ? ` (${change.reason})` : '')))),
		cancelControl(order, show),
		h('p', null, h('a', { href: '#/orders' }, 'All your orders'), ' · ', h('a', { href: '#/' }, 'Keep shopping')),
	];
}

function explanation(order, byId) {
	switch (order.status) {
		case 'PENDING':
			return h('p', { class: 'notice' }, 'Your order is accepted. The warehouse could not answer right away, '
				+ 'so it is reserving your items in the background.');
		case 'CONFIRMED':
			return h('p', null, 'Your items are reserved for you.');
		case 'CANCELLED':
			return h('p', null, 'This order was cancelled; its items went back into stock.');
		case 'REJECTED':
			return h('div', { class: 'alert', role: 'alert' },
				h('p', { class: 'alert-title' }, 'Not enough stock for this order'),
				order.shortLines.length ? h('ul', null, order.shortLines.map((s) => h('li', null,
					`${productName(byId, s.productId)}: you asked for ${s.requested}, `
						+ (s.available ? `only ${s.available} ${s.available === 1 ? 'is' : 'are'} available.`
							: 'it is sold out.'))))
					: h('p', null, order.reason || 'The warehouse could not reserve the items.'),
				h('p', null, 'Nothing was reserved or charged. Change the quantities in ',
					h('a', { href: '#/cart' }, 'your cart'), ' and check out again.'));
		default:
			return null;
	}
}

function cancelControl(order, show) {
	if (order.status !== 'PENDING' && order.status !== 'CONFIRMED') {
		return null;
	}
	const slot = h('div', { class: 'cancel' });
	const ask = h('button', { type: 'button', class: 'button secondary' }, 'Cancel order');
	ask.addEventListener('click', () => {
		const yes = h('button', { type: 'button', class: 'button danger' }, 'Yes, cancel it');
		const no = h('button', { type: 'button', class: 'button secondary' }, 'No, keep it');
		const result = h('div', { class: 'form-alert' });
		fill(slot, h('p', { id: 'cancel-question' }, 'Cancel this order? Its items go back into stock.'),
			h('p', { class: 'actions', role: 'group', 'aria-labelledby': 'cancel-question' }, yes, no), result);
		no.addEventListener('click', () => {
			fill(slot, ask);
			ask.focus();
		});
		yes.addEventListener('click', async () => {
			try {
				const { data } = await busy(yes, 'Cancelling…',
					() => api('POST', `/api/orders/${encodeURIComponent(order.id)}/cancel`));
				show(data);
				document.querySelector('#order-status')?.focus();
			}
			catch (error) {
				if (error instanceof ApiError && error.status === 409) {
					fill(result, alertBox({ title: error.problem.title, text: `${error.problem.detail || ''} `
						+ 'Reload the page to see its current state.' }));
					return;
				}
				fill(result, alertBox(error, { onRetry: () => yes.click() }));
			}
		});
		yes.focus();
	});
	slot.append(ask);
	return slot;
}
