// The codec bench's three inputs encoded the way LinkedIn's JavaScript
// client does, for issue 17's "20x the official JavaScript client":
//
//     node crates/restli-codec/benches/js/encode.js
//
// Written from the client's documented behaviour (linkedin-api-js-client,
// lib/utils/encoder.ts: `encode` round-trips the value through JSON, then
// writes arrays as `List(a,b)`, objects as `(k:v,...)` in their own key
// order, `''` for the empty string, and a primitive as
// `encodeURIComponent` with `(`, `)`, `,`, `'` and `:` escaped after it).
// The inputs are built with their keys already sorted, so the output is
// the Rust encoder's byte for byte. Prints the time per call and the
// throughput in MiB/s of output, as the criterion bench does; compare with
// `cargo bench -p restli-codec --bench codec -- encode/value`.
'use strict';

const GRAMMAR = /[,()':]/g;
const percent = (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase();

function primitive(v) {
  if (v === '') return "''";
  return encodeURIComponent(v).replace(GRAMMAR, percent);
}

function any(v) {
  if (Array.isArray(v)) {
    const parts = new Array(v.length);
    for (let i = 0; i < v.length; i++) parts[i] = any(v[i]);
    return 'List(' + parts.join(',') + ')';
  }
  if (v !== null && typeof v === 'object') {
    const parts = Object.keys(v).map((k) => primitive(k) + ':' + any(v[k]));
    return '(' + parts.join(',') + ')';
  }
  return primitive(v);
}

function encode(value) {
  return any(JSON.parse(JSON.stringify(value)));
}

// The inputs of benches/codec.rs, keys in sorted order.
const finder = {
  reference: { values: ['urn:li:organization:123'] },
  status: { values: ['ACTIVE', 'DRAFT'] },
  test: false,
};

const batchGet = [];
for (let i = 0; i < 1000; i++) {
  const key = {};
  if (i % 3 === 0) key.$params = { param1: `param${i}`, param2: i };
  key.part1 = `key ${i} (urn:li:organization:${i * 7919})`;
  key.part2 = i * 1000003 - 500000000;
  key.part3 = i % 2 === 0 ? 'APPLE' : 'ORANGE';
  batchGet.push(key);
}

const PIECES = ['東京タワー', '(注意)', '😀🚀👩‍💻', 'Crème brûlée', 'naïve, façade',
  '한국어: 테스트', "Ελληνικά's", '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '中文,逗号', 'Ünïcödé', 'emoji:🎉', '100%'];
const unicode = [];
for (let i = 0; i < 100; i++) {
  const parts = [];
  for (let j = 0; j < 4; j++) parts.push(PIECES[(i * 5 + j * 7) % PIECES.length]);
  unicode.push(parts.join(' '));
}

function bench(name, value) {
  const bytes = encode(value).length; // ASCII output: one byte per char
  // Warm up (JIT), then the best of several timed rounds of at least 200 ms.
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += encode(value).length;
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < 200_000_000n) {
      for (let i = 0; i < 50; i++) sink += encode(value).length;
      calls += 50;
      elapsed = process.hrtime.bigint() - start;
    }
    best = Math.min(best, Number(elapsed) / calls);
  }
  const mib = bytes / (best / 1e9) / (1 << 20);
  console.log(`${name}: ${best.toFixed(0)} ns per call, ${mib.toFixed(1)} MiB/s (${bytes} bytes)`);
  return sink;
}

bench('finder', finder);
bench('batch_get_1000', batchGet);
bench('unicode_100', unicode);
