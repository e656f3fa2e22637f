// Shared by the server tests: a server on 127.0.0.1, a free port and a temporary SQLite file, and a small
// client that returns status, headers and parsed JSON.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../src/server/index.js';

export interface TestServer extends RunningServer {
  dir: string;
  lines: string[];
  stop(): Promise<void>;
}

export async function testServer(options: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lodestone-server-'));
  const lines: string[] = [];
  const s = await startServer({ port: 0, host: '127.0.0.1', db: path.join(dir, 'test.db'), demo: false, token: null, webDist: null, log: (l) => lines.push(l),
    // threads start with the first analysis (tests that need them warm call s.analysis.warm())
    warmAnalysis: false, ...options });
  return {
    ...s, dir, lines,
    stop: async () => {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> { status: number; headers: Headers; body: T; text: string }

export async function call<T = any>(s: { url: string }, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(s.url + route, init);
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const get = <T = any>(s: { url: string }, route: string) => call<T>(s, 'GET', route);
export const post = <T = any>(s: { url: string }, route: string, body: unknown, headers?: Record<string, string>) => call<T>(s, 'POST', route, body, headers);

/** Realistic short articles for a small corpus: a supply deal, a sanction, with quotes. */
export const ARTICLES = {
  uranium: {
    id: 'kaz-fra-uranium', published: '2024-03-12', title: 'Kazakhstan to supply uranium to France',
    text: 'Kazakhstan agreed on Tuesday to supply uranium to France under a ten-year contract, the two governments said, as Paris seeks to reduce its reliance on Russian nuclear fuel.\n'
      + '"We are ready to increase shipments to our French partners," Kazakh Energy Minister Almasadam Satkaliyev said after talks in Astana.\n'
      + "French President Emmanuel Macron said the deal would strengthen Europe's energy security.\n",
  },
  coal: {
    id: 'eu-coal-ban', published: '2022-04-08', title: 'EU bans Russian coal',
    text: "The European Union banned imports of Russian coal on Friday, its first sanctions on Russia's energy sector since the invasion of Ukraine.\n"
      + "\"This is a clear signal that we will not finance Putin's war,\" European Commission President Ursula von der Leyen said.\n"
      + 'Germany, the largest buyer of Russian coal in the bloc, said it could replace the supplies by the autumn.\n',
  },
} as const;

const COUNTRIES = ['Zambia', 'Chile', 'Indonesia', 'Peru', 'Kazakhstan', 'Australia', 'Guinea', 'Brazil', 'Canada', 'Mongolia'];
const BUYERS = ['China', 'Japan', 'Germany', 'India', 'South Korea', 'the United States', 'France'];
const GOODS = ['copper', 'lithium', 'nickel', 'uranium', 'bauxite', 'cobalt', 'iron ore', 'rare earths'];
const PEOPLE = ['Mines Minister Paul Kaunda', 'Trade Minister Ana Silva', 'Energy Minister Ivan Petrov', 'Finance Minister Sri Mulyani'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** News paragraphs about supply deals, sanctions and prices, all different, up to about `chars` characters. */
export function newsText(chars: number): string {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const c = COUNTRIES[i % COUNTRIES.length]!;
    const b = BUYERS[(i * 3) % BUYERS.length]!;
    const g = GOODS[(i * 5) % GOODS.length]!;
    const p = PEOPLE[i % PEOPLE.length]!;
    const d = DAYS[i % DAYS.length]!;
    const para = [
      `${c} agreed on ${d} to sell ${(i + 3) * 1250} tonnes of ${g} to ${b} under a new supply deal, the state mining company said.`,
      `"This agreement secures a stable market for our ${g} for the next ${2 + (i % 7)} years," ${p} told reporters after the talks.`,
      `${b} imported record volumes of ${g} last year, customs data showed, and prices rose ${1 + (i % 9)} percent after the announcement.`,
      i % 3 === 0
        ? `The United States imposed new sanctions on ${c}'s ${g} exports, targeting a network of traders that shipped the metal to ${b}.`
        : `Analysts said the contract, to be reviewed after ${3 + (i % 11)} months, would tighten supplies to smelters elsewhere.`,
    ].join(' ');
    out.push(para);
    size += para.length + 2;
  }
  return out.join('\n\n');
}
