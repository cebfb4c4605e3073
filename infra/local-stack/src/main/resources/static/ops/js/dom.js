// Element building without innerHTML (no markup injection, nothing the CSP refuses).

const SVG = 'http://www.w3.org/2000/svg';

/** h('p', {class: 'x', onclick: fn}, 'text', child) */
export function h(tag, props, ...children) {
	const element = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
	for (const [key, value] of Object.entries(props || {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (key.startsWith('on') && typeof value === 'function') {
			element.addEventListener(key.slice(2), value);
		}
		else {
			element.setAttribute(key === 'className' ? 'class' : key, value === true ? '' : String(value));
		}
	}
	element.append(...children.flat().filter((child) => child !== null && child !== undefined));
	return element;
}

/** Sets text only when it changed, so a screen reader is not told the same thing again. */
export function text(element, value) {
	const next = String(value);
	if (element.textContent !== next) {
		element.textContent = next;
	}
}

export function number(value, digits = 1) {
	return (value === null || value === undefined) ? '–' : value.toFixed(digits);
}

export function duration(seconds) {
	if (seconds === null || seconds === undefined) {
		return '–';
	}
	if (seconds < 60) {
		return `${seconds} s`;
	}
	const minutes = Math.floor(seconds / 60);
	return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
