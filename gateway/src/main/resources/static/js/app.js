// The store's shell: hash routes (#/product/COF-001; the gateway serves one index.html and
// never needs to know the store's pages), the header, the session banner, and starting up.
// Only the catalog page is loaded up front; every other page is a module fetched on its
// first visit.

import { api, ApiError, explain } from './api.js';
import { h, fill, alertBox, heading } from './ui.js';
import {
	currentAccount, currentCart, sessionEnded, dismissSessionEnded, accountKnown, refreshCart, loggedOut,
} from './state.js';
import { catalogPage } from './pages/catalog.js';

const lazy = (module, name) => async (...args) => (await import(module))[name](...args);

const ROUTES = [
	[/^\/$/, catalogPage],
	[/^\/product\/([^/]+)$/, lazy('./pages/product.js', 'productPage')],
	[/^\/cart$/, lazy('./pages/cart.js', 'cartPage')],
	[/^\/checkout$/, lazy('./pages/checkout.js', 'checkoutPage')],
	[/^\/orders$/, lazy('./pages/orders.js', 'ordersPage')],
	[/^\/orders\/([^/]+)$/, lazy('./pages/orders.js', 'orderPage')],
	[/^\/login$/, lazy('./pages/account.js', 'loginPage')],
	[/^\/signup$/, lazy('./pages/account.js', 'signupPage')],
];

const main = document.getElementById('main');
let current = null;
let firstRender = true;

/** Goes to a store path ('/cart', '/orders/…'); the router renders it. */
export function navigate(path) {
	const target = `#${path}`;
	if (location.hash === target) {
		render();
	}
	else {
		location.hash = target;
	}
}

function route() {
	const raw = location.hash.replace(/^#/, '') || '/';
	const [path, query = ''] = raw.split('?');
	for (const [pattern, page] of ROUTES) {
		const match = pattern.exec(path);
		if (match) {
			return { page, args: match.slice(1).map(decodeURIComponent), params: new URLSearchParams(query), path };
		}
	}
	return { page: notFoundPage, args: [], params: new URLSearchParams(), path };
}

async function render({ keepFocus = false, asGuest = false } = {}) {
	const focused = keepFocus ? document.activeElement?.id : null;
	current?.abort();
	const controller = new AbortController();
	current = controller;
	const { page, args, params, path } = route();
	main.setAttribute('aria-busy', 'true');
	const loading = setTimeout(() => {
		if (!controller.signal.aborted) fill(main, h('p', { class: 'loading' }, 'Loading…'));
	}, 150);
	const context = { params, path, signal: controller.signal, navigate,
		rerender: () => render({ keepFocus: true }) };
	try {
		const view = await page(context, ...args);
		if (controller.signal.aborted) {
			return;
		}
		fill(main, view);
	}
	catch (error) {
		if (controller.signal.aborted || error?.name === 'AbortError') {
			return;
		}
		if (!asGuest && error instanceof ApiError && error.status === 401 && sessionEnded()) {
			// the banner says the session ended (or was lost with its instance) and offers
			// the login; the page itself is shown again as to a guest, not as an error
			render({ keepFocus, asGuest: true });
			return;
		}
		console.error(error);
		fill(main, errorPage(error));
	}
	finally {
		clearTimeout(loading);
		if (!controller.signal.aborted) {
			main.removeAttribute('aria-busy');
			const title = main.querySelector('h1');
			document.title = title ? `${title.textContent} · Statewise` : 'Statewise store';
			const keep = focused ? document.getElementById(focused) : null;
			if (keep) {
				keep.focus();
			}
			else if (!firstRender) {
				(title || main).focus({ preventScroll: false });
			}
			firstRender = false;
		}
	}
}

function errorPage(error) {
	const info = explain(error);
	return h('section', { class: 'page' },
		heading(info.title),
		alertBox({ ...info, title: 'What happened' }, { onRetry: () => render() }),
		h('p', null, h('a', { href: '#/' }, 'Back to the catalog')));
}

function notFoundPage() {
	return h('section', { class: 'page' },
		heading('Page not found'),
		h('p', null, 'The store has no page at this address.'),
		h('p', null, h('a', { href: '#/' }, 'Browse the catalog')));
}

// --- header and banner ------------------------------------------------------------------

function renderHeader() {
	const account = currentAccount();
	const count = currentCart().totalQuantity;
	const here = location.hash.replace(/^#/, '').split('?')[0] || '/';
	const link = (href, text, label) => h('li', null, h('a', { href: `#${href}`,
		'aria-current': (here === href || (href !== '/' && here.startsWith(`${href}/`))) ? 'page' : null,
		'aria-label': label }, text));
	const items = [
		link('/', 'Catalog'),
		link('/cart', ['Cart', h('span', { class: 'count' }, String(count))],
			`Cart, ${count} ${count === 1 ? 'item' : 'items'}`),
	];
	if (account) {
		items.push(link('/orders', 'Orders'));
		items.push(h('li', { class: 'who' }, h('span', null, `Hello, ${account.displayName}`)));
		items.push(h('li', null, h('button', { type: 'button', class: 'link-button', onclick: logout }, 'Log out')));
	}
	else {
		items.push(link('/login', 'Log in'));
		items.push(link('/signup', 'Sign up'));
	}
	fill(document.getElementById('nav'), items);
	renderBanner();
}

function renderBanner() {
	const ended = sessionEnded();
	const banner = document.getElementById('banner');
	if (!ended) {
		fill(banner);
		return;
	}
	const next = encodeURIComponent(location.hash.replace(/^#/, '') || '/');
	fill(banner, h('div', { class: 'alert banner', role: 'alert' },
		h('p', { class: 'alert-title' }, ended.title),
		h('p', null, `${ended.detail} Your cart lived in that session, so it is empty now. `
			+ 'Log in again to see your orders and check out.'),
		h('p', { class: 'actions' },
			h('a', { class: 'button', href: `#/login?next=${next}`, onclick: dismissSessionEnded }, 'Log in again'),
			h('button', { type: 'button', class: 'button secondary', onclick: dismissSessionEnded }, 'Dismiss'))));
}

async function logout(event) {
	const button = event.currentTarget;
	button.disabled = true;
	try {
		await api('POST', '/api/session/logout');
		loggedOut();
		navigate('/');
		const { notice } = await import('./api.js');
		notice('You are logged out. Your cart ended with your session.');
	}
	catch (error) {
		button.disabled = false;
		fill(document.getElementById('banner'), alertBox(error));
	}
}

document.addEventListener('statewise:state', renderHeader);
window.addEventListener('hashchange', () => {
	renderHeader();
	render();
});

async function start() {
	renderHeader();
	// a checkout accepted just before a reload may still owe the cart its clearing
	if (Object.keys(sessionStorage).some((key) => key.startsWith('statewise.clear.'))) {
		await import('./pages/checkout.js').then((module) => module.finishCartClears()).catch(() => {});
	}
	accountKnown();
	refreshCart().catch(() => {});
	render();
}

start();
