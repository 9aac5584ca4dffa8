// Draws images/icon.png (128×128 RGBA) without image tools: a document with heading
// bars and a "dive" arrow on a rounded square. Run: node client/scripts/make-icon.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = Buffer.alloc(N * N * 4);
const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
// Rounded rectangle coverage with 4×4 supersampling for smooth corners.
function inRound(x, y, [x0, y0, x1, y1], r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function inTriangle(x, y, [ax, ay, bx, by, cx, cy]) {
  const s = (px1, py1, px2, py2) => (x - px2) * (py1 - py2) - (px1 - px2) * (y - py2);
  const d1 = s(ax, ay, bx, by), d2 = s(bx, by, cx, cy), d3 = s(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}
function paint(color, test) {
  const [r, g, b] = hex(color);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) {
    let hit = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) hit += test(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4) ? 1 : 0;
    if (!hit) continue;
    const a = hit / 16, i = (y * N + x) * 4, old = px[i + 3] / 255;
    const outA = a + old * (1 - a);
    for (const [k, c] of [[0, r], [1, g], [2, b]]) px[i + k] = Math.round((c * a + px[i + k] * old * (1 - a)) / outA);
    px[i + 3] = Math.round(outA * 255);
  }
}
paint('#1f4e79', (x, y) => inRound(x, y, [4, 4, 124, 124], 22));
paint('#ffffff', (x, y) => inRound(x, y, [30, 20, 98, 108], 7));
paint('#1f4e79', (x, y) => inRound(x, y, [40, 32, 88, 42], 2));
paint('#6fa8dc', (x, y) => inRound(x, y, [40, 51, 82, 57], 2));
paint('#6fa8dc', (x, y) => inRound(x, y, [40, 63, 86, 69], 2));
paint('#e69138', (x, y) => inTriangle(x, y, [50, 78, 78, 78, 64, 98]));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6;
const raw = Buffer.concat(Array.from({ length: N }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * N * 4, (y + 1) * N * 4)])));
mkdirSync('images', { recursive: true });
writeFileSync('images/icon.png', Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
]));
