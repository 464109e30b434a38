import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMatcher, MAX_TRIE_DEPTH } from '../../../electron/core/scan/matcher.js';
import { base64Fragments } from '../../../electron/core/scan/needles.js';
import { createScanner } from '../../../electron/core/scan/scanner.js';

const enc = (s: string) => new TextEncoder().encode(s);
const b64 = (s: string, url = false) => Buffer.from(s).toString(url ? 'base64url' : 'base64');

describe('Aho–Corasick matcher', () => {
  it('finds every occurrence of every needle, overlapping ones included', () => {
    const m = buildMatcher([enc('he'), enc('she'), enc('his'), enc('hers')]);
    const hits: Array<[number, number]> = [];
    m.scan(enc('ushers ahishe'), (h) => hits.push([h.needle, h.start]));
    expect(hits.sort()).toEqual([[0, 2], [0, 11], [1, 1], [1, 10], [2, 8], [3, 2]].sort());
  });

  it('agrees with indexOf on random text and needles', () => {
    const alphabet = 'abc';
    const rnd = (n: number) => Array.from(randomBytes(n), (b) => alphabet[b % 3]).join('');
    for (let round = 0; round < 20; round++) {
      const needles = Array.from({ length: 6 }, () => rnd(1 + (randomBytes(1)[0]! % 5)));
      const text = rnd(300);
      const got = new Set<string>();
      buildMatcher(needles.map(enc)).scan(enc(text), (h) => got.add(`${h.needle}@${h.start}`));
      const want = new Set<string>();
      needles.forEach((n, id) => {
        for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) want.add(`${id}@${i}`);
      });
      expect(got).toEqual(want);
    }
  });

  it('confirms needles longer than the automaton depth byte by byte, heads shared or not', () => {
    const head = 'h'.repeat(MAX_TRIE_DEPTH);
    const alphabet = 'ab';
    const rnd = (n: number) => Array.from(randomBytes(n), (b) => alphabet[b % 2]).join('');
    for (let round = 0; round < 20; round++) {
      // Long needles that share their whole head, differ only past it, and sit at the buffer's end.
      const needles = [head + rnd(3), head + rnd(3), head + rnd(6), rnd(MAX_TRIE_DEPTH + 4), 'ab', head];
      const text = [0, 1, 2, 3, 4].map(() => rnd(20) + needles[randomBytes(1)[0]! % needles.length]!.slice(0, MAX_TRIE_DEPTH + 2)).join('') + needles[round % needles.length]!;
      const got = new Set<string>();
      buildMatcher(needles.map(enc)).scan(enc(text), (h) => {
        expect(h.end - h.start).toBe(needles[h.needle]!.length);
        got.add(`${h.needle}@${h.start}`);
      });
      const want = new Set<string>();
      needles.forEach((n, id) => {
        for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) want.add(`${id}@${i}`);
      });
      expect(got).toEqual(want);
    }
  });
});

describe('base64 fragments', () => {
  it('one fragment per alignment appears in the base64 of any text around the value', () => {
    const value = enc('k3y-' + randomBytes(24).toString('hex'));
    for (const url of [false, true]) {
      const frags = base64Fragments(value, url);
      for (let pre = 0; pre < 7; pre++) {
        const around = Buffer.concat([randomBytes(pre), value, randomBytes(pre % 4)]);
        const text = around.toString(url ? 'base64url' : 'base64');
        expect(frags.some((f) => text.includes(f))).toBe(true);
      }
    }
  });
});

describe('scanner', () => {
  const value = 'Zq9' + randomBytes(30).toString('base64url');
  const odd = `s3cr$t'"/ &=+?#${randomBytes(12).toString('hex')}`;
  const scanner = createScanner([
    { secret: 'hub-api-key', system: null, value },
    { secret: 'odd-key', system: 'hogsend', value: odd },
    { secret: 'tiny', system: null, value: 'short' },
  ]);
  const scan = (s: string) => scanner.scanBytes(enc(s));

  it.each([
    ['raw', `API_KEY=${value}\n`, 'hub-api-key'],
    ['base64', `auth: ${b64(value)}`, 'hub-api-key'],
    ['base64', `Authorization: Basic ${b64(`user:${value}`)}`, 'hub-api-key'],
    ['base64', `h=${b64(`Bearer ${value}`)}`, 'hub-api-key'],
    ['base64', `x ${b64(`admin:${value}`, true)} y`, 'hub-api-key'],
    ['base64', `x ${b64(`${value}\n`)} y`, 'hub-api-key'],
    ['url', `https://h/?k=${encodeURIComponent(odd)}`, 'odd-key'],
    ['json', JSON.stringify({ key: odd }), 'odd-key'],
    ['quoted', `export K='${odd.replace(/'/g, "'\\''")}'`, 'odd-key'],
    ['quoted', `export K="${odd.replace(/[$`"\\]/g, (c) => `\\${c}`)}"`, 'odd-key'],
  ])('finds a managed value as %s', (encoding, text, secret) => {
    const hits = scan(`# header\n${text}\n`);
    expect(hits).toContainEqual({ kind: 'managed', secret, system: secret === 'odd-key' ? 'hogsend' : null, encoding, line: 2 });
  });

  it('names secrets too short to scan and never matches them', () => {
    expect(scanner.skippedSecrets).toEqual(['tiny']);
    expect(scan('short short short')).toEqual([]);
  });

  it('untracked keys of the four systems are patterns; the docs examples are placeholders', () => {
    const hsk = `hsk_9a${randomBytes(24).toString('base64url').replace(/[-_]/g, 'a')}`;
    const th = `tokenhub_${randomBytes(32).toString('hex')}`;
    const hf = `hf_live_${randomBytes(24).toString('hex')}`;
    const hits = scan(`A=${hsk}\nB="${th}"\nC: ${hf}\nD=hsk_abc123def456ghi789jkl012mno345pqr678\nE=hivecfm-hub-secret-key\n`);
    expect(hits).toEqual([
      { kind: 'pattern', secret: null, system: 'hogsend', encoding: 'raw', line: 1 },
      { kind: 'pattern', secret: null, system: 'tokenhub', encoding: 'raw', line: 2 },
      { kind: 'pattern', secret: null, system: 'hiveforge', encoding: 'raw', line: 3 },
      { kind: 'placeholder', secret: null, system: 'hogsend', encoding: 'raw', line: 4 },
      { kind: 'placeholder', secret: null, system: 'hivecfm', encoding: 'raw', line: 5 },
    ]);
  });

  it('a key of exactly the shortest length of its shape is found, one byte shorter is not', () => {
    const shortest = { hogsend: `hsk_${'a1'.repeat(14)}`, tokenhub: `tokenhub_${'0f'.repeat(32)}`, hiveforge: `hf_test_${'Z9'.repeat(16)}` };
    for (const [system, key] of Object.entries(shortest)) {
      expect(scan(`K=${key}\n`), key).toEqual([{ kind: 'pattern', secret: null, system, encoding: 'raw', line: 1 }]);
      expect(scan(`K=${key.slice(0, -1)}\n`), key).toEqual([]);
    }
  });

  it('a managed key of a known shape is reported once, as managed', () => {
    const key = `tokenhub_${randomBytes(32).toString('hex')}`;
    const s = createScanner([{ secret: 'th', system: 'tokenhub', value: key }]);
    expect(s.scanBytes(enc(`T=${key}\n`))).toEqual([{ kind: 'managed', secret: 'th', system: 'tokenhub', encoding: 'raw', line: 1 }]);
  });

  it('decoys never match: UUIDs, hashes, fingerprints, random base64, keys of other formats, near-misses', () => {
    const decoys: string[] = [];
    for (let i = 0; i < 300; i++) {
      decoys.push(randomUUID(), createHash('sha256').update(String(i)).digest('hex'), createHash('sha1').update(String(i)).digest('hex'));
      decoys.push(randomBytes(8).toString('hex'), randomBytes(48).toString('base64'), randomBytes(48).toString('base64url'));
      decoys.push(`sk_live_${randomBytes(16).toString('hex')}`, `ghp_${randomBytes(18).toString('base64url')}`, `AKIA${randomBytes(8).toString('hex').toUpperCase()}`);
      decoys.push(`tokenhub_${randomBytes(31).toString('hex')}`, `tokenhub_${randomBytes(33).toString('hex')}`, `xhsk_${randomBytes(20).toString('hex')}`, `hsk_${randomBytes(8).toString('hex')}`);
      decoys.push(`hf_live_${randomBytes(8).toString('hex')}`, `myhf_test_${randomBytes(20).toString('hex')}`, value.slice(0, -2), b64(value).slice(0, 10));
      decoys.push('const get_hsk_api_key_from_environment_variable = 1;', 'hsk_api_key_from_the_environment_variable_name', 'hf_live_ProductionKeyForTheOrganizationDashboard');
    }
    expect(scan(decoys.join('\n'))).toEqual([]);
  });
});
