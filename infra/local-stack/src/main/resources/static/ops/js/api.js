// Every call to the control API goes through here, and every error it answers (RFC 9457
// problem+json) becomes an OpsError whose message is the API's own title and detail.

export class OpsError extends Error {
	constructor(status, problem) {
		super(problem.detail || problem.title || `HTTP ${status}`);
		this.status = status;
		this.title = problem.title || `HTTP ${status}`;
	}
}

/** POST /components/{name}/{action}, or POST /stack/reset; resolves with the JSON answer. */
export async function control(path) {
	let response;
	try {
		response = await fetch(path, { method: 'POST', headers: { Accept: 'application/json, application/problem+json' } });
	}
	catch {
		throw new OpsError(0, { title: 'No answer from the local stack',
			detail: 'The control API did not answer: is ./statewise still running?' });
	}
	const body = await response.text();
	let data = null;
	try {
		data = body ? JSON.parse(body) : null;
	}
	catch {
		data = null;
	}
	if (!response.ok) {
		throw new OpsError(response.status, (data && typeof data === 'object') ? data : {});
	}
	return data;
}
