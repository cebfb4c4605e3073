// The panel: one EventSource on /ops/stream (the local stack looks at every component once
// a second; the browser polls nothing), and buttons that call the control API. EventSource
// reconnects by itself after the stream breaks; the status line says when it does.

import { control } from './api.js';
import { h, text } from './dom.js';
import { Topology, label } from './topology.js';
import { SignalsView } from './signals.js';
import { TimelineView } from './timeline.js';

const connection = document.getElementById('connection');
const messages = document.getElementById('messages');
const topology = new Topology(document.getElementById('topology'), act);
const signals = new SignalsView(document.getElementById('signals'), document.getElementById('breakers'),
	document.getElementById('totals'));
const timeline = new TimelineView(document.getElementById('timeline'));

const stream = new EventSource('/ops/stream');
stream.addEventListener('open', () => text(connection, 'Live'));
stream.addEventListener('error', () => text(connection, 'Reconnecting to the local stack…'));
stream.addEventListener('stack', (event) => {
	const snapshot = JSON.parse(event.data);
	text(connection, 'Live');
	text(document.getElementById('mode'), `Sessions in ${snapshot.sessionMode}`
		+ (snapshot.redisPrimary ? ` · Redis primary: ${snapshot.redisPrimary}` : ''));
	topology.update(snapshot.nodes);
	signals.update(snapshot);
	timeline.update(snapshot.timeline);
});

/** Runs an action on a node; asks first when it loses data (the server says which do). */
async function act(node, action) {
	const loss = node.confirm[action];
	if (loss && !(await confirmed(`${label(action)} ${node.name}?`, loss, `${label(action)} ${node.name}`))) {
		return;
	}
	await run(`${label(action)} ${node.name}`, `/components/${encodeURIComponent(node.name)}/${action}`);
}

document.getElementById('reset').addEventListener('click', async (event) => {
	const button = event.currentTarget;
	button.disabled = true;
	text(button, 'Resetting… (until everything is ready)');
	try {
		await run('Reset', '/stack/reset');
	}
	finally {
		button.disabled = false;
		text(button, 'Reset the stack');
	}
});

async function run(what, path) {
	try {
		await control(path);
	}
	catch (error) {
		show(`${what}: ${error.title}. ${error.message}`);
	}
}

function show(message) {
	const item = h('p', { class: 'message' }, message,
		h('button', { type: 'button', class: 'dismiss', onclick: () => item.remove() }, 'Dismiss'));
	messages.append(item);
}

const dialog = document.getElementById('confirm');

function confirmed(title, detail, yes) {
	text(document.getElementById('confirm-title'), title);
	text(document.getElementById('confirm-text'), `${detail} Continue?`);
	text(document.getElementById('confirm-yes'), yes);
	dialog.returnValue = '';
	dialog.showModal();
	return new Promise((resolve) => {
		dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
	});
}
