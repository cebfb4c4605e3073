// A sparkline: one SVG polyline over the last minute, gaps where nothing was measured.

import { h } from './dom.js';

const WIDTH = 120;
const HEIGHT = 24;
const POINTS = 60;

export function sparkline(label) {
	return h('svg:svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT,
		class: 'sparkline', role: 'img', 'aria-label': label });
}

/** Draws the values (null for a gap), scaled to the largest. */
export function draw(svg, values) {
	const max = Math.max(...values.filter((value) => value !== null), 0) || 1;
	const step = WIDTH / (POINTS - 1);
	const offset = POINTS - values.length;
	const runs = [];
	let run = [];
	values.forEach((value, index) => {
		if (value === null) {
			if (run.length) runs.push(run);
			run = [];
			return;
		}
		const x = ((offset + index) * step).toFixed(1);
		const y = (HEIGHT - 1 - (value / max) * (HEIGHT - 2)).toFixed(1);
		run.push(`${x},${y}`);
	});
	if (run.length) runs.push(run);
	svg.replaceChildren(...runs.map((points) => h('svg:polyline', { points: points.join(' ') })));
}
