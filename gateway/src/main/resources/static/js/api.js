// Every call to the store's API goes through here: same origin, JSON in and out, and every
// error turned into an ApiError that carries the problem+json the gateway or a service
// answered (docs/problems.md). It also feeds the status strip: which instance served the
// last request, where sessions live, whether the catalog came from the stale cache.

const PROBLEM = 'urn:statewise:problem:';

/** A failed request: status 0 means no answer at all (network error, aborted). */
export class ApiError extends Error {
	constructor(status, problem, retryAfter, method, path) {
		super(problem.detail || problem.title || `HTTP ${status}`);
		this.status = status;
		this.problem = problem;
		this.retryAfter = retryAfter;
		this.method = method;
		this.path = path;
	}

	/** The problem's kind: 'unknown-product', 'too-many-requests', ... ('' when none). */
	get kind() {
		const type = this.problem.type || '';
		return type.startsWith(PROBLEM) ? type.slice(PROBLEM.length) : '';
	}

	/** Field errors of a 400: [{field, message}]. */
	get fieldErrors() {
		return Array.isArray(this.problem.errors) ? this.problem.errors : [];
	}

	/** Whether trying again later can succeed (the request itself was fine). */
	get transient() {
		return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 502;
	}
}

let unauthorizedHandler = () => {};

/** Called with the ApiError of every 401 except a failed login (see state.js). */
export function onUnauthorized(handler) {
	unauthorizedHandler = handler;
}

/**
 * Sends one request. GETs are retried up to twice after a network error or a
 * 502/503/504, with a short visible notice; nothing else is retried here (a checkout is
 * repeated by its page, with the same Idempotency-Key).
 */
export async function api(method, path, { body, headers = {}, retries, signal } = {}) {
	const limit = retries ?? (method === 'GET' ? 2 : 0);
	for (let attempt = 0; ; attempt++) {
		try {
			return await send(method, path, body, headers, signal);
		}
		catch (error) {
			const retryable = error instanceof ApiError && (error.status === 0 || error.status >= 502)
				&& error.status !== 501 && !signal?.aborted;
			if (!retryable || attempt >= limit) {
				throw error;
			}
			const wait = Math.min(2000, Math.max(300 * 2 ** attempt, (error.retryAfter || 0) * 1000));
			notice(`${what(path)}: ${error.status ? `${error.status} ${error.problem.title}` : 'no answer'}; `
				+ `retrying (${attempt + 1} of ${limit})…`);
			await sleep(wait, signal);
		}
	}
}

// the gateway answers within its routes' time limits (2-5 s); a browser waiting longer has
// lost the connection or the gateway itself, and must say so rather than spin for ever
const TIMEOUT_MILLIS = 15000;

async function send(method, path, body, headers, signal) {
	const deadline = new AbortController();
	const timer = setTimeout(() => deadline.abort(), TIMEOUT_MILLIS);
	signal?.addEventListener('abort', () => deadline.abort(), { once: true });
	const init = {
		method,
		headers: { Accept: 'application/json, application/problem+json', ...headers },
		credentials: 'same-origin',
		signal: deadline.signal,
	};
	if (body !== undefined) {
		init.headers['Content-Type'] = 'application/json';
		init.body = JSON.stringify(body);
	}
	let response;
	let data;
	try {
		response = await fetch(path, init);
		data = await readBody(response);
	}
	catch (failure) {
		if (signal?.aborted) {
			throw failure;
		}
		const late = deadline.signal.aborted;
		throw new ApiError(0, {
			title: 'No answer from the store',
			detail: late ? `The store did not answer within ${TIMEOUT_MILLIS / 1000} seconds.`
				: 'Your browser could not reach the store (the network or the store is down).',
		}, null, method, path);
	}
	finally {
		clearTimeout(timer);
	}
	observe(response, path);
	if (response.ok) {
		return { status: response.status, data, headers: response.headers };
	}
	const problem = (data && typeof data === 'object') ? data : { title: `HTTP ${response.status}` };
	const error = new ApiError(response.status, problem, retryAfter(response), method, path);
	if (response.status === 401 && error.kind !== 'login-failed') {
		unauthorizedHandler(error);
	}
	if (error.status === 503 && problem.service && /paused/.test(problem.detail || '')) {
		notice(`${problem.title}: its circuit breaker is open, requests are paused for a moment.`);
	}
	throw error;
}

async function readBody(response) {
	if (response.status === 204 || response.status === 304) {
		return null;
	}
	const text = await response.text();
	if (!text) {
		return null;
	}
	if (/json/.test(response.headers.get('Content-Type') || '')) {
		try {
			return JSON.parse(text);
		}
		catch {
			return null;
		}
	}
	return null;
}

function retryAfter(response) {
	const value = response.headers.get('Retry-After');
	if (!value) {
		return null;
	}
	const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
	return Number.isFinite(seconds) ? Math.max(1, seconds) : null;
}

function what(path) {
	if (path.startsWith('/api/catalog')) return 'Catalog';
	if (path.startsWith('/api/orders')) return 'Orders';
	if (path.startsWith('/api/cart')) return 'Cart';
	return 'Account';
}

export function sleep(millis, signal) {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(resolve, millis);
		signal?.addEventListener('abort', () => {
			clearTimeout(timer);
			reject(new DOMException('Aborted', 'AbortError'));
		}, { once: true });
	});
}

/**
 * What a shopper should read about an error: a title, what happened and what to do next.
 * `retryAfter` (seconds) when waiting helps, `retry` when trying again can succeed.
 */
export function explain(error) {
	if (!(error instanceof ApiError)) {
		return { title: 'Something went wrong in this page', text: 'Reload the page and try again.', retry: true };
	}
	const p = error.problem;
	const detail = p.detail ? `${p.detail} ` : '';
	const wait = error.retryAfter;
	if (error.status === 0) {
		return { title: p.title, text: `${p.detail} Check your connection, then try again.`, retry: true };
	}
	switch (error.kind) {
		case 'too-many-requests':
		case 'too-many-failed-logins':
			return { title: p.title, text: `${detail}Wait ${seconds(wait || 1)}, then try again.`, retry: true,
				retryAfter: wait || 1 };
		case 'session-lost':
			return { title: p.title || 'Your session was lost', text: `${detail}Log in again.`, login: true };
		case 'login-required':
		case 'not-signed-in':
		case 'account-gone':
			return { title: 'Please log in', text: `${detail}Log in (or sign up) to continue.`, login: true };
		case 'cross-site-request-refused':
			return { title: p.title, text: 'The change did not come from this page as the store expects. '
				+ 'Reload the page and try again.' };
		default:
	}
	if (error.status === 401) {
		return { title: p.title || 'Please log in', text: `${detail}Log in to continue.`, login: true };
	}
	if (error.status === 502 || error.status === 503 || error.status === 504 || error.status === 408) {
		const after = wait || 1;
		return { title: p.title || 'Temporarily unavailable',
			text: `${detail}Try again in ${seconds(after)}.`, retry: true, retryAfter: after };
	}
	if (error.status >= 500) {
		return { title: p.title || 'Something went wrong on our side',
			text: `${detail}Try again in a moment; if it keeps happening, the store's logs say why.`, retry: true };
	}
	return { title: p.title || `The request was refused (${error.status})`, text: p.detail || '' };
}

function seconds(n) {
	return n === 1 ? '1 second' : `${n} seconds`;
}

// --- the status strip -----------------------------------------------------------------

function observe(response, path) {
	const servedBy = response.headers.get('X-Served-By');
	if (servedBy) {
		setText('status-served-by', servedBy);
	}
	const mode = response.headers.get('X-Session-Mode');
	if (mode) {
		setText('status-session-mode', mode);
	}
	if (path.startsWith('/api/catalog/products') || path.startsWith('/api/catalog/categories')) {
		if (!path.endsWith('/stock') && response.ok) {
			catalogFreshness(response.headers);
		}
	}
}

function catalogFreshness(headers) {
	const cacheStatus = headers.get('Cache-Status') || '';
	const age = Number(headers.get('Age') || 0);
	let text = 'live';
	let stale = false;
	if (/fwd=stale/.test(cacheStatus)) {
		stale = true;
		text = `cached copy, ${age} s old (database unreachable)`;
	}
	else if (/;\s*hit/.test(cacheStatus)) {
		text = `from cache, ${age} s old`;
	}
	const element = document.getElementById('status-catalog');
	if (element) {
		element.textContent = text;
		element.classList.toggle('stale', stale);
	}
}

let noticeTimer;

/** A short, polite notice in the status strip (a retry, an open circuit). */
export function notice(text) {
	const element = document.getElementById('status-notice');
	if (!element) {
		return;
	}
	element.textContent = text;
	clearTimeout(noticeTimer);
	noticeTimer = setTimeout(() => { element.textContent = ''; }, 10000);
}

function setText(id, text) {
	const element = document.getElementById(id);
	if (element) {
		element.textContent = text;
	}
}
