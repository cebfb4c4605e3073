// Who is signed in and what the cart holds, as far as this page knows. The truth is the
// session in session-service; the page asks for it at start and after each change, and
// notices when the session it believed in has ended (expired, logged out elsewhere, or
// lost with the instance that held it in memory mode).

import { api, ApiError, onUnauthorized } from './api.js';

// localStorage, not sessionStorage: the SESSION cookie is shared by every tab, so is
// the knowledge that it belonged to someone
const SIGNED_IN = 'statewise.signedIn';

let account = null;
let cart = { lines: [], totalQuantity: 0 };
let ended = null;

export function currentAccount() {
	return account;
}

export function currentCart() {
	return cart;
}

/** The reason the last session ended, shown once in the banner; null when none. */
export function sessionEnded() {
	return ended;
}

export function dismissSessionEnded() {
	ended = null;
	changed();
}

function changed() {
	document.dispatchEvent(new CustomEvent('statewise:state'));
}

let known = null;

/** Resolves once the page has asked who is signed in (the first answer, or its failure). */
export function accountKnown() {
	known ??= refreshAccount().catch(() => {});
	return known;
}

/**
 * The signed-in account for a page that needs one, or null when nobody is signed in;
 * throws (an ApiError to show) when session-service cannot say.
 */
export async function requireAccount() {
	await accountKnown();
	if (!account) {
		await refreshAccount();
	}
	return account;
}

/** Asks session-service who this session belongs to. */
export async function refreshAccount() {
	try {
		const response = await api('GET', '/api/account/me');
		setAccount(response.data);
	}
	catch (error) {
		if (!(error instanceof ApiError) || error.status !== 401) {
			throw error;
		}
		// the 401 handler below has noticed whether a session ended
		account = null;
		changed();
	}
}

export function setAccount(value) {
	account = value;
	if (value) {
		localStorage.setItem(SIGNED_IN, value.id);
		ended = null;
	}
	else {
		localStorage.removeItem(SIGNED_IN);
	}
	changed();
}

/** After the shopper logged out: no account, and the cart ended with the session. */
export function loggedOut() {
	setAccount(null);
	setCart({ lines: [], totalQuantity: 0 });
}

export async function refreshCart() {
	const response = await api('GET', '/api/cart');
	setCart(response.data);
	return cart;
}

export function setCart(value) {
	cart = value || { lines: [], totalQuantity: 0 };
	changed();
}

// Any 401 while this browser believed it was signed in: the session is gone. Say so once,
// with the reason the gateway or session-service gave (memory mode: "session-lost").
onUnauthorized((error) => {
	const believed = account !== null || localStorage.getItem(SIGNED_IN) !== null;
	if (!believed) {
		return;
	}
	ended = {
		lost: error.kind === 'session-lost',
		title: error.kind === 'session-lost' ? (error.problem.title || 'Your session was lost') : 'Your session ended',
		detail: error.kind === 'session-lost'
			? (error.problem.detail || 'Your session lived in the memory of the instance that stopped.')
			: 'You are no longer logged in: the session expired, or you logged out in another tab.',
	};
	account = null;
	localStorage.removeItem(SIGNED_IN);
	cart = { lines: [], totalQuantity: 0 };
	changed();
});
