#!/usr/bin/env node
// Interop check: drives a Pitaya-compatible server running the demo chat with a third-party codec,
// pomelo-protocol (npm), over the ws WebSocket client (npm). None of this project's own code is used.
//
//   node interop.mjs ws://127.0.0.1:8080/ [--pitaya-sys] [--kick]
//   node interop.mjs tcp://127.0.0.1:3250  [--pitaya-sys] [--kick]
//
// Steps: handshake -> ack -> request room.join {} (expects {"code":0,"result":"success"}) -> push onMembers ->
// notify room.message {"name":"interop","content":"hello"} -> push onMessage with that body -> heartbeat -> close.
// Exit code 0 on success; 1 with a message naming the failed step otherwise; everything must finish within 10 s.
//
// The handshake is a pomelo-style one ({"sys":{"type":"js-websocket","version":"0.0.1","rsa":{}},"user":{}}),
// whose sys keys Pitaya ignores; --pitaya-sys sends Pitaya's own sys fields instead.
// --kick (for a server that also runs Pitaya's e2e handlers, service testsvc) finally requests
// testsvc.testrequestkickme and expects a kick packet followed by the server closing the connection.
//
// pomelo-protocol leaves a few things to its caller, which this script does itself with node:zlib and plain
// byte access: inflating a zlib handshake response and zlib payloads (flag 0x10, "compressGzip"), reading the
// error flag 0x20 (not exposed by Message.decode) and mapping compressed route codes through sys.dict.

import Protocol from 'pomelo-protocol';
import WebSocket from 'ws';
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { inflateSync, gunzipSync } from 'node:zlib';
import { isDeepStrictEqual } from 'node:util';

const { Package, Message } = Protocol;
const TIMEOUT_MS = 10_000;

const args = process.argv.slice(2);
const url = args.find((a) => !a.startsWith('--'));
const pitayaSys = args.includes('--pitaya-sys');
const expectKick = args.includes('--kick');
if (!url || !/^(wss?|tcp):\/\//.test(url)) {
  console.error('usage: node interop.mjs ws://HOST:PORT/|tcp://HOST:PORT [--pitaya-sys] [--kick]');
  process.exit(2);
}

let step = 'connecting to ' + url;
let ws;
let done = false;

function log(msg) {
  console.log('[interop] ' + msg);
}

function fail(msg) {
  if (done) return;
  done = true;
  console.error('[interop] FAILED while ' + step + ': ' + msg);
  try {
    ws?.terminate();
  } catch {
    // ignore
  }
  process.exit(1);
}

const timer = setTimeout(() => fail('timed out after ' + TIMEOUT_MS / 1000 + ' s'), TIMEOUT_MS);

// --- incoming packets -------------------------------------------------------------------------------

const queue = [];
let waiter = null;
let closed = null;

function deliver(item) {
  if (waiter) {
    const w = waiter;
    waiter = null;
    w(item);
  } else {
    queue.push(item);
  }
}

/** Next packet from the server (heartbeats are skipped); a close or error rejects. */
function nextPacket() {
  for (;;) {
    const item = queue.length ? queue.shift() : null;
    if (!item) break;
    if (item.close) return Promise.reject(new Error(item.close));
    if (item.type !== Package.TYPE_HEARTBEAT) return Promise.resolve(item);
  }
  if (closed) return Promise.reject(new Error(closed));
  return new Promise((resolve, reject) => {
    waiter = (item) => {
      if (item.close) reject(new Error(item.close));
      else if (item.type === Package.TYPE_HEARTBEAT) nextPacket().then(resolve, reject);
      else resolve(item);
    };
  });
}

function looksCompressed(buf) {
  return buf && buf.length >= 2 && ((buf[0] === 0x78 && ((buf[0] << 8) | buf[1]) % 31 === 0) ||
    (buf[0] === 0x1f && buf[1] === 0x8b));
}

function inflate(buf) {
  return buf[0] === 0x1f ? gunzipSync(buf) : inflateSync(buf);
}

let codeToRoute = new Map();
let routeToCode = new Map();

/** Decodes a data packet with pomelo-protocol's Message.decode plus the pieces it leaves to the caller. */
function decodeData(body) {
  if (!body || body.length === 0) throw new Error('empty data packet');
  const error = (body[0] & 0x20) !== 0;
  const msg = Message.decode(body);
  let route = msg.route;
  if (msg.compressRoute) {
    if (!codeToRoute.has(route)) throw new Error('push route code ' + route + ' is not in sys.dict');
    route = codeToRoute.get(route);
  }
  let payload = Buffer.from(msg.body);
  if (msg.compressGzip) payload = inflate(payload);
  const text = Protocol.strdecode(payload);
  let value;
  try {
    value = text.length ? JSON.parse(text) : null;
  } catch {
    value = text;
  }
  return { id: msg.id, type: msg.type, route, error, value, compressed: !!msg.compressGzip, routeCompressed: !!msg.compressRoute };
}

function describe(m) {
  const kinds = ['request', 'notify', 'response', 'push'];
  return kinds[m.type] + (m.route ? ' ' + m.route : '') + (m.type === Message.TYPE_RESPONSE ? ' id=' + m.id : '') +
    (m.error ? ' (error)' : '') + ' ' + JSON.stringify(m.value);
}

/** Waits for a data message matching pred; other pushes (e.g. other users' onNewUser) are logged and skipped. */
async function expectMessage(pred) {
  for (;;) {
    const p = await nextPacket();
    if (p.type === Package.TYPE_KICK) throw new Error('kicked by the server');
    if (p.type !== Package.TYPE_DATA) throw new Error('unexpected packet type ' + p.type);
    const m = decodeData(p.body);
    if (pred(m)) return m;
    log('  (skipping ' + describe(m) + ')');
  }
}

// --- plain TCP, shaped like the ws client's API so the scenario does not care -----------------------

/**
 * pomelo-protocol splits concatenated packets but leaves partial ones to the caller: buffer the stream and emit
 * each complete packet (4-byte header: type, 24-bit big-endian length) as one 'message'.
 */
class TcpPackets extends EventEmitter {
  constructor(target) {
    super();
    const { hostname, port } = new URL(target.replace(/^tcp:/, 'http:'));
    let pending = Buffer.alloc(0);
    this.socket = net.connect({ host: hostname, port: Number(port) }, () => this.emit('open'));
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = (pending[1] << 16) | (pending[2] << 8) | pending[3];
        if (pending.length < 4 + length) break;
        this.emit('message', pending.subarray(0, 4 + length), true);
        pending = pending.subarray(4 + length);
      }
    });
    this.socket.on('close', () => this.emit('close', 1000, Buffer.alloc(0)));
    this.socket.on('error', (err) => this.emit('error', err));
  }

  send(bytes) {
    this.socket.write(Buffer.from(bytes));
  }

  close() {
    this.socket.end();
  }

  terminate() {
    this.socket.destroy();
  }
}

// --- outgoing ---------------------------------------------------------------------------------------

function send(type, body) {
  ws.send(Package.encode(type, body));
}

function sendMessage(id, type, route, value) {
  const body = Protocol.strencode(JSON.stringify(value));
  const compress = routeToCode.has(route);
  send(Package.TYPE_DATA, Message.encode(id, type, compress ? 1 : 0, compress ? routeToCode.get(route) : route, body));
}

// --- the scenario ----------------------------------------------------------------------------------

async function run() {
  ws = url.startsWith('tcp:') ? new TcpPackets(url) : new WebSocket(url);
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      deliver({ close: 'server sent a text WebSocket message' });
      return;
    }
    const decoded = Package.decode(Buffer.from(data));
    for (const p of Array.isArray(decoded) ? decoded : [decoded]) {
      if (p.type < 1 || p.type > 5) {
        deliver({ close: 'wrong packet type ' + p.type });
        return;
      }
      deliver({ type: p.type, body: p.body });
    }
  });
  ws.on('close', (code, reason) => {
    closed = 'connection closed by the server (code ' + code + (reason.length ? ', ' + reason : '') + ')';
    deliver({ close: closed });
  });
  ws.on('error', (err) => fail('connection error: ' + err.message));
  await new Promise((resolve) => ws.once('open', resolve));
  log('connected to ' + url);

  step = 'handshaking';
  const sys = pitayaSys
    ? { platform: 'node', libVersion: '0.1.6', clientBuildNumber: '1', clientVersion: '0.1' }
    : { type: 'js-websocket', version: '0.0.1', rsa: {} };
  const handshake = { sys, user: {} };
  send(Package.TYPE_HANDSHAKE, Protocol.strencode(JSON.stringify(handshake)));
  const hs = await nextPacket();
  if (hs.type !== Package.TYPE_HANDSHAKE) throw new Error('expected a handshake response, got packet type ' + hs.type);
  let hsBody = Buffer.from(hs.body || []);
  const hsCompressed = looksCompressed(hsBody);
  if (hsCompressed) hsBody = inflate(hsBody);
  const res = JSON.parse(Protocol.strdecode(hsBody));
  log('handshake response' + (hsCompressed ? ' (zlib)' : '') + ': ' + JSON.stringify(res));
  if (res.code !== 200) throw new Error('handshake refused with code ' + res.code);
  if (!res.sys || !Number.isInteger(res.sys.heartbeat) || res.sys.heartbeat < 1) {
    throw new Error('sys.heartbeat must be a whole number of seconds >= 1, got ' + JSON.stringify(res.sys?.heartbeat));
  }
  const dict = res.sys.dict || {};
  routeToCode = new Map(Object.entries(dict));
  codeToRoute = new Map(Object.entries(dict).map(([route, code]) => [code, route]));

  step = 'sending the handshake ack';
  send(Package.TYPE_HANDSHAKE_ACK);

  step = 'requesting room.join';
  sendMessage(1, Message.TYPE_REQUEST, 'room.join', {});
  let response = null;
  let members = null;
  while (!response || !members) {
    const m = await expectMessage((x) => (x.type === Message.TYPE_RESPONSE && x.id === 1) ||
      (x.type === Message.TYPE_PUSH && x.route === 'onMembers'));
    log('received ' + describe(m));
    if (m.type === Message.TYPE_RESPONSE) {
      if (m.error) throw new Error('room.join answered with an error: ' + JSON.stringify(m.value));
      if (!isDeepStrictEqual(m.value, { code: 0, result: 'success' })) {
        throw new Error('room.join answered ' + JSON.stringify(m.value) + ', expected {"code":0,"result":"success"}');
      }
      response = m;
    } else {
      if (!m.value || !Array.isArray(m.value.members)) throw new Error('onMembers without a members array');
      members = m;
    }
  }

  step = 'notifying room.message';
  const chat = { name: 'interop', content: 'hello' };
  sendMessage(0, Message.TYPE_NOTIFY, 'room.message', chat);
  const echoed = await expectMessage((x) => x.type === Message.TYPE_PUSH && x.route === 'onMessage' &&
    isDeepStrictEqual(x.value, chat));
  log('received ' + describe(echoed));

  step = 'sending a heartbeat';
  send(Package.TYPE_HEARTBEAT);
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (closed) throw new Error(closed);

  if (expectKick) {
    step = 'requesting testsvc.testrequestkickme';
    sendMessage(2, Message.TYPE_REQUEST, 'testsvc.testrequestkickme', {});
    for (;;) {
      const p = await nextPacket();
      if (p.type === Package.TYPE_KICK) break;
      if (p.type === Package.TYPE_DATA) log('  (skipping ' + describe(decodeData(p.body)) + ')');
    }
    log('received a kick packet');
    step = 'waiting for the server to close after the kick';
    if (!closed) await new Promise((resolve) => ws.once('close', resolve));
    done = true;
    clearTimeout(timer);
    log('OK: handshake, ack, room.join, onMembers, room.message -> onMessage, heartbeat, kick, close');
    return;
  }

  step = 'closing';
  await new Promise((resolve) => {
    ws.once('close', resolve);
    ws.close(1000, 'interop done');
  });
  done = true;
  clearTimeout(timer);
  log('OK: handshake, ack, room.join, onMembers, room.message -> onMessage, heartbeat, close');
}

run().catch((err) => fail(err.message));
