// Draws the five reels and spins them: each reel scrolls through its real strip and lands on the
// stop the server drew, so what the player watches is the actual reel, not a random animation.
// Symbols are SVG images shipped with the client (img/symbols/<SYMBOL>.svg): they need no font,
// so they look the same on every machine.

import { el } from "./format.js";

const NAMES = { SEVEN: "Seven", BAR: "Bar", BELL: "Bell", PLUM: "Plum", ORANGE: "Orange", LEMON: "Lemon",
  CHERRY: "Cherry", WILD: "Wild", STAR: "Star (scatter)", CROWN: "Crown (jackpot)" };

export class Reels {
  constructor(container, strips) {
    this.container = container;
    this.strips = strips;
    this.reels = [];
    this.stops = strips.map(() => 0);
    container.replaceChildren();
    for (let r = 0; r < strips.length; r++) {
      const strip = el("div", { class: "strip" });
      const reel = el("div", { class: "reel", "data-reel": String(r) }, strip);
      container.append(reel);
      this.reels.push(strip);
      this.show(r, 0);
    }
  }

  static label(symbol) {
    return NAMES[symbol] || symbol;
  }

  /** The symbol's picture; a symbol the client has no art for shows its name. */
  static image(symbol) {
    return /^[A-Z_]{1,16}$/.test(symbol)
      ? el("img", { src: `/img/symbols/${symbol}.svg`, alt: Reels.label(symbol), draggable: false, decoding: "async" })
      : document.createTextNode(symbol);
  }

  cell(symbol) {
    return el("div", { class: `sym sym-${symbol}`, title: Reels.label(symbol), "data-symbol": symbol }, Reels.image(symbol));
  }

  show(r, stop) {
    const strip = this.strips[r];
    const cells = [0, 1, 2].map((row) => this.cell(strip[(stop + row) % strip.length]));
    this.reels[r].classList.remove("spinning");
    this.reels[r].style.transition = "none";
    this.reels[r].style.transform = "translateY(0)";
    this.reels[r].replaceChildren(...cells);
    this.stops[r] = stop;
  }

  /** Spins every reel from where it is to `stops`, reel by reel; resolves when all have landed. */
  spinTo(stops, { fast = false } = {}) {
    const cellPx = this.reels[0].firstChild?.getBoundingClientRect().height || 92;
    const landings = stops.map((target, r) => new Promise((resolve) => {
      const strip = this.strips[r];
      const from = this.stops[r];
      const turns = fast ? 1 : 2 + r;
      const distance = turns * strip.length + ((target - from + strip.length) % strip.length);
      const cells = [];
      for (let i = 0; i <= distance + 2; i++) cells.push(this.cell(strip[(from + i) % strip.length]));
      const node = this.reels[r];
      node.style.transition = "none";
      node.style.transform = "translateY(0)";
      node.replaceChildren(...cells);
      node.classList.add("spinning");
      void node.offsetHeight; // restart the transition from the top
      const ms = fast ? 350 + r * 80 : 900 + r * 320;
      node.style.transition = `transform ${ms}ms cubic-bezier(.15,.85,.25,1.02)`;
      node.style.transform = `translateY(${-distance * cellPx}px)`;
      setTimeout(() => {
        this.show(r, target);
        resolve();
      }, ms + 30);
    }));
    return Promise.all(landings);
  }

  /** Marks the cells of winning lines. */
  highlight(paylines, lineWins) {
    for (const w of lineWins || []) {
      const rows = paylines[w.line - 1];
      if (!rows) continue;
      for (let r = 0; r < w.count; r++) this.reels[r].children[rows[r]]?.classList.add("hit");
    }
  }
}
