// Tests of the project's JavaScript Pitaya client (src/main/webapp/pitaya.js).
// Run with Node >= 20's built-in runner, no npm dependencies:  cd src/test/js && node --test
// (Maven runs them in the test phase of pitaya-websocket; -DskipTests skips them.)

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { deflateSync, gzipSync } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import vm from 'node:vm';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const Pitaya = require('../../main/webapp/pitaya.js');
const { Packet, Message, Handshake, PacketType, MessageType, ErrorCode } = Pitaya;

const hex = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const unhex = (s) => new Uint8Array(Buffer.from(s.replace(/[^0-9a-f]/gi, ''), 'hex'));
const utf8 = (s) => new Uint8Array(Buffer.from(s, 'utf8'));
const text = (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------
// Vectors of PROTOCOL.md §1–§3 and Appendix B (whole packets, hex)

const V = {
  handshakeAck: '02000000',
  heartbeat: '03000000',
  kick: '05000000',
  request: '040000130001 0e 726f6f6d2e726f6f6d2e6a6f696e 7b7d',
  response: '0400001f 04 01 7b22636f6465223a302c22726573756c74223a2273756363657373227d',
  errorResponse: '0400005c 24 ac02 7b22636f6465223a225049542d343034222c226d7367223a227069746179612f68616e646c65723a' +
    '20636f6e6e6563746f722e746573747376632e6e6f6e6578697374656e7468616e646c6572206e6f7420666f756e64227d',
  push: '04000026 06 09 6f6e4d657373616765 7b226e616d65223a2261222c22636f6e74656e74223a226869227d',
  pushCompressedRoute: '0400001e 07 0004 7b226e616d65223a2261222c22636f6e74656e74223a226869227d',
  serverHandshake: '01 00 00 41 7b 22 63 6f 64 65 22 3a 32 30 30 2c 22 73 79 73 22 3a 7b 22 64 69 63 74 22 3a 7b 7d 2c 22 ' +
    '68 65 61 72 74 62 65 61 74 22 3a 33 30 2c 22 73 65 72 69 61 6c 69 7a 65 72 22 3a 22 6a 73 6f 6e 22 7d 7d'
};
const norm = (s) => s.replace(/\s+/g, '');

test('as a classic <script> it defines a global Pitaya (no module system)', () => {
  const source = readFileSync(new URL('../../main/webapp/pitaya.js', import.meta.url), 'utf8');
  const window = { TextEncoder, TextDecoder, setTimeout, clearTimeout, setInterval, clearInterval };
  window.window = window;
  window.globalThis = window;
  vm.runInNewContext(source, window, { filename: 'pitaya.js' });
  assert.equal(typeof window.Pitaya, 'object');
  assert.equal(typeof window.Pitaya.Client, 'function');
  assert.equal(window.Pitaya.VERSION, '0.1.0');
  assert.equal(hex(window.Pitaya.Packet.encode(3)), V.heartbeat);
});

// ---------------------------------------------------------------------------------------------------
describe('packet framing', () => {
  test('encodes empty control packets', () => {
    assert.equal(hex(Packet.encode(PacketType.HANDSHAKE_ACK)), V.handshakeAck);
    assert.equal(hex(Packet.encode(PacketType.HEARTBEAT)), V.heartbeat);
    assert.equal(hex(Packet.encode(PacketType.KICK, new Uint8Array(0))), V.kick);
  });

  test('length is a 24-bit big-endian field', () => {
    const p = Packet.encode(PacketType.DATA, new Uint8Array(0x012345));
    assert.equal(hex(p.subarray(0, 4)), '04012345');
    const max = Packet.encode(PacketType.DATA, new Uint8Array(Packet.MAX_BODY_LENGTH));
    assert.equal(hex(max.subarray(0, 4)), '04ffffff');
    assert.throws(() => Packet.encode(PacketType.DATA, new Uint8Array(Packet.MAX_BODY_LENGTH + 1)), RangeError);
  });

  test('rejects packet types outside 1..5', () => {
    assert.throws(() => Packet.encode(0), RangeError);
    assert.throws(() => Packet.encode(6), RangeError);
    assert.throws(() => Packet.decode(unhex('00000000')), { code: ErrorCode.PROTOCOL_ERROR });
    assert.throws(() => Packet.decode(unhex('06000000')), { code: ErrorCode.PROTOCOL_ERROR });
  });

  test('splits several packets carried by one WebSocket message', () => {
    const all = unhex(V.serverHandshake + V.heartbeat + norm(V.push) + V.kick);
    const packets = Packet.decode(all);
    assert.deepEqual(packets.map((p) => p.type), [1, 3, 4, 5]);
    assert.equal(text(packets[0].body), '{"code":200,"sys":{"dict":{},"heartbeat":30,"serializer":"json"}}');
    assert.equal(packets[1].body.length, 0);
    assert.equal(hex(packets[2].body), norm(V.push).slice(8));
    assert.equal(packets[3].body.length, 0);
  });

  test('strict decoding rejects truncated headers and bodies', () => {
    assert.throws(() => Packet.decode(unhex('040000')), /truncated packet header/);
    assert.throws(() => Packet.decode(unhex('0400000501')), /less data than expected/);
    assert.throws(() => Packet.decode(unhex(V.heartbeat + '04000002' + '00')), /less data than expected/);
  });

  test('the incremental reader keeps a trailing partial packet', () => {
    const reader = new Packet.Reader();
    const bytes = unhex(norm(V.request) + V.heartbeat);
    assert.deepEqual(reader.push(bytes.subarray(0, 3)), []);
    assert.equal(reader.pending, 3);
    const first = reader.push(bytes.subarray(3, 20));
    assert.deepEqual(first, []);
    const rest = reader.push(bytes.subarray(20));
    assert.deepEqual(rest.map((p) => p.type), [4, 3]);
    assert.equal(hex(rest[0].body), norm(V.request).slice(8));
    assert.equal(reader.pending, 0);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('message codec', () => {
  const dataPacket = (msg, dict) => Packet.encode(PacketType.DATA, Message.encode(msg, dict));
  const decodeData = (h, codes) => {
    const [p] = Packet.decode(unhex(h));
    assert.equal(p.type, PacketType.DATA);
    return Message.decode(p.body, codes);
  };

  test('request id=1 route "room.room.join" body {} (PROTOCOL.md §2)', () => {
    const bytes = dataPacket({ type: MessageType.REQUEST, id: 1, route: 'room.room.join', body: utf8('{}') });
    assert.equal(hex(bytes), norm(V.request));
    const m = decodeData(V.request);
    assert.equal(m.type, MessageType.REQUEST);
    assert.equal(m.id, 1);
    assert.equal(m.route, 'room.room.join');
    assert.equal(m.routeCompressed, false);
    assert.equal(text(m.body), '{}');
  });

  test('response id=1 {"code":0,"result":"success"}', () => {
    const body = '{"code":0,"result":"success"}';
    assert.equal(hex(dataPacket({ type: MessageType.RESPONSE, id: 1, body: utf8(body) })), norm(V.response));
    const m = decodeData(V.response);
    assert.equal(m.type, MessageType.RESPONSE);
    assert.equal(m.id, 1);
    assert.equal(m.route, null);
    assert.equal(m.error, false);
    assert.equal(m.compressed, false);
    assert.deepEqual(Pitaya.Payload.decode(m.body), { code: 0, result: 'success' });
  });

  test('error response id=300 (flag 0x24, varint ac02)', () => {
    const body = '{"code":"PIT-404","msg":"pitaya/handler: connector.testsvc.nonexistenthandler not found"}';
    const bytes = dataPacket({ type: MessageType.RESPONSE, id: 300, error: true, body: utf8(body) });
    assert.equal(hex(bytes), norm(V.errorResponse));
    const m = decodeData(V.errorResponse);
    assert.equal(m.type, MessageType.RESPONSE);
    assert.equal(m.id, 300);
    assert.equal(m.error, true);
    assert.equal(text(m.body), body);
  });

  test('push route "onMessage"', () => {
    const body = '{"name":"a","content":"hi"}';
    assert.equal(hex(dataPacket({ type: MessageType.PUSH, route: 'onMessage', body: utf8(body) })), norm(V.push));
    const m = decodeData(V.push);
    assert.equal(m.type, MessageType.PUSH);
    assert.equal(m.route, 'onMessage');
    assert.equal(m.id, 0);
    assert.deepEqual(Pitaya.Payload.decode(m.body), { name: 'a', content: 'hi' });
  });

  test('push with route compressed to dictionary code 4', () => {
    const body = utf8('{"name":"a","content":"hi"}');
    assert.equal(hex(dataPacket({ type: MessageType.PUSH, route: 'onMessage', body }, { onMessage: 4 })),
      norm(V.pushCompressedRoute));
    assert.equal(hex(dataPacket({ type: MessageType.PUSH, route: 'onMessage', body }, new Map([['onMessage', 4]]))),
      norm(V.pushCompressedRoute));
    assert.equal(hex(dataPacket({ type: MessageType.PUSH, route: 4, body })), norm(V.pushCompressedRoute));
    const m = decodeData(V.pushCompressedRoute, new Map([[4, 'onMessage']]));
    assert.equal(m.routeCompressed, true);
    assert.equal(m.routeCode, 4);
    assert.equal(m.route, 'onMessage');
    assert.deepEqual(Pitaya.Payload.decode(m.body), { name: 'a', content: 'hi' });
    assert.throws(() => decodeData(V.pushCompressedRoute, new Map([[5, 'onMembers']])), /not found in dictionary/);
    assert.throws(() => decodeData(V.pushCompressedRoute), /not found in dictionary/);
  });

  test('Go golden fixtures (message bodies)', () => {
    const R = MessageType;
    const cases = [
      [{ type: R.REQUEST, id: 0, route: 'a' }, null, '00000161'],
      [{ type: R.REQUEST, id: 0, route: 'a' }, { a: 1 }, '01000001'],
      [{ type: R.NOTIFY, route: 'a' }, null, '020161'],
      [{ type: R.PUSH, route: 'a' }, null, '060161'],
      [{ type: R.PUSH, route: 'a' }, { a: 1 }, '070001'],
      [{ type: R.RESPONSE, id: 0 }, null, '0400'],
      [{ type: R.RESPONSE, id: 129 }, null, '048101'],
      [{ type: R.RESPONSE, id: 0, error: true, body: unhex('01') }, null, '240001']
    ];
    for (const [msg, dict, expected] of cases) {
      assert.equal(hex(Message.encode(msg, dict)), expected, JSON.stringify(msg));
      const codes = dict ? new Map(Object.entries(dict).map(([k, v]) => [v, k])) : undefined;
      const m = Message.decode(unhex(expected), codes);
      assert.equal(m.type, msg.type);
      if (msg.id !== undefined) assert.equal(m.id, msg.id);
      if (msg.route !== undefined) assert.equal(m.route, msg.route);
      assert.equal(m.routeCompressed, !!dict);
      assert.equal(m.error, !!msg.error);
      assert.equal(hex(m.body), msg.body ? hex(msg.body) : '');
    }
    const compressedError = Message.encode({ type: R.RESPONSE, id: 0, error: true, compressed: true, body: unhex('78') });
    assert.equal(compressedError[0], 0x34);
    const m = Message.decode(compressedError);
    assert.equal(m.error, true);
    assert.equal(m.compressed, true);
  });

  test('Appendix B wire captures: pong response and PIT-000 error', () => {
    const pong = Message.decode(unhex('0401 7b22636f6465223a3230302c226d7367223a22706f6e67227d'));
    assert.equal(pong.type, MessageType.RESPONSE);
    assert.equal(pong.id, 1);
    assert.deepEqual(Pitaya.Payload.decode(pong.body), { code: 200, msg: 'pong' });
    const err = Message.decode(Buffer.concat([Buffer.from('2401', 'hex'), Buffer.from('{"code":"PIT-000","msg":"x"}')]));
    assert.equal(err.error, true);
    assert.equal(err.id, 1);
  });

  test('message ids are unsigned LEB128', () => {
    const cases = [[0, '00'], [1, '01'], [127, '7f'], [128, '8001'], [129, '8101'], [300, 'ac02'],
      [16384, '808001'], [0xffffffff, 'ffffffff0f'], [2 ** 40, '808080808020']];
    for (const [id, expected] of cases) {
      assert.equal(hex(Message.encodeId(id)), expected, String(id));
      assert.deepEqual(Message.decodeId(unhex(expected), 0), { value: id, length: expected.length / 2 });
      const m = Message.decode(Message.encode({ type: MessageType.REQUEST, id, route: 'r.m' }));
      assert.equal(m.id, id);
    }
    assert.throws(() => Message.encodeId(-1), RangeError);
    assert.throws(() => Message.encodeId(1.5), RangeError);
    assert.throws(() => Message.decode(unhex('0481')), /truncated message id/);
    assert.throws(() => Message.decode(unhex('04ffffffffffffffffff01')), /message id too long/);
  });

  test('routes: UTF-8 with a one-byte length, at most 255 bytes', () => {
    const route = 'sala.ação';
    const m = Message.decode(Message.encode({ type: MessageType.NOTIFY, route, body: utf8('{}') }));
    assert.equal(m.route, route);
    assert.equal(Message.encode({ type: MessageType.NOTIFY, route })[1], Buffer.byteLength(route));
    assert.equal(Message.encode({ type: MessageType.NOTIFY, route: 'x'.repeat(255) }).length, 2 + 255);
    assert.throws(() => Message.encode({ type: MessageType.NOTIFY, route: 'x'.repeat(256) }), /route too long/);
    assert.throws(() => Message.encode({ type: MessageType.NOTIFY, route: 'é'.repeat(128) }), /route too long/);
    assert.throws(() => Message.encode({ type: MessageType.PUSH, route: 0x10000 }), RangeError);
  });

  test('rejects malformed messages', () => {
    assert.throws(() => Message.decode(unhex('04')), /too short/);
    assert.throws(() => Message.decode(unhex('0800')), /wrong message type: 4/);
    assert.throws(() => Message.decode(unhex('0e00')), /wrong message type: 7/);
    assert.throws(() => Message.decode(unhex('020561')), /truncated route/);
    assert.throws(() => Message.decode(unhex('0700')), /truncated route code/);
    assert.throws(() => Message.encode({ type: 4 }), RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('compression and handshake', () => {
  test('inflates a zlib payload (flag 0x10) produced by node:zlib', async () => {
    const json = JSON.stringify({ members: Array.from({ length: 50 }, (_, i) => String(i + 1)) });
    const z = deflateSync(Buffer.from(json));
    assert.equal(z[0], 0x78);
    const bytes = Packet.encode(PacketType.DATA,
      Message.encode({ type: MessageType.RESPONSE, id: 7, compressed: true, body: z }));
    const [p] = Packet.decode(bytes);
    const m = Message.decode(p.body);
    assert.equal(p.body[0], 0x14);
    assert.equal(m.compressed, true);
    assert.equal(m.id, 7);
    assert.equal(text(await Pitaya.inflate(m.body)), json);
  });

  test('inflate also accepts gzip and rejects garbage', async () => {
    assert.equal(text(await Pitaya.inflate(gzipSync(Buffer.from('{"a":1}')))), '{"a":1}');
    await assert.rejects(Pitaya.inflate(unhex('789c0102030405')), { code: ErrorCode.PROTOCOL_ERROR });
  });

  test('zlib header sniffing never mistakes JSON for zlib', () => {
    assert.equal(Pitaya.isZlib(deflateSync(Buffer.from('x'))), true);
    assert.equal(Pitaya.isZlib(deflateSync(Buffer.from('x'), { level: 1 })), true);
    assert.equal(Pitaya.isZlib(deflateSync(Buffer.from('x'), { level: 9 })), true);
    assert.equal(Pitaya.isZlib(utf8('{"code":200}')), false);
    assert.equal(Pitaya.isZlib(utf8(' {}')), false);
  });

  test('parses the default plain handshake response (PROTOCOL.md §3 exact packet)', async () => {
    const [p] = Packet.decode(unhex(V.serverHandshake));
    assert.equal(p.type, PacketType.HANDSHAKE);
    assert.equal(p.body.length, 0x41);
    assert.deepEqual(await Handshake.decode(p.body),
      { code: 200, sys: { dict: {}, heartbeat: 30, serializer: 'json' } });
  });

  test('parses a zlib-compressed handshake response', async () => {
    const res = {
      code: 200,
      sys: {
        dict: { 'connector.getsessiondata': 1, 'connector.setsessiondata': 2, 'room.room.getsessiondata': 3, onMessage: 4, onMembers: 5 },
        heartbeat: 15,
        serializer: 'json'
      }
    };
    const packet = Packet.encode(PacketType.HANDSHAKE, deflateSync(Buffer.from(JSON.stringify(res))));
    const [p] = Packet.decode(packet);
    assert.equal(p.body[0], 0x78);
    assert.deepEqual(await Handshake.decode(p.body), res);
    await assert.rejects(Handshake.decode(utf8('not json')), { code: ErrorCode.HANDSHAKE_FAILED });
  });

  test('client handshake packet matches libpitaya\'s expectation byte for byte', () => {
    const sys = { platform: 'mac', libVersion: '4.6.2', clientBuildNumber: '20', clientVersion: '2.1' };
    const bytes = Handshake.encode(sys, { age: 30 });
    const json = '{"sys":{"platform":"mac","libVersion":"4.6.2","clientBuildNumber":"20","clientVersion":"2.1"},"user":{"age":30}}';
    assert.equal(hex(bytes), '01000070' + Buffer.from(json).toString('hex'));
    assert.deepEqual(Handshake.DEFAULT_SYS,
      { platform: 'js', libVersion: '0.1.0', clientBuildNumber: '1', clientVersion: '0.1' });
  });

  test('payload helpers', () => {
    assert.equal(text(Pitaya.Payload.encode(undefined)), '{}');
    assert.equal(text(Pitaya.Payload.encode({ a: 'é' })), '{"a":"é"}');
    assert.equal(hex(Pitaya.Payload.encode(unhex('0102'))), '0102');
    assert.equal(Pitaya.Payload.decode(new Uint8Array(0)), null);
    assert.equal(Pitaya.Payload.decode(utf8('ack')), 'ack');
  });
});

// ---------------------------------------------------------------------------------------------------
// Client against an injected fake socket with the browser WebSocket API

/**
 * Creates a fake WebSocket constructor. Each instance's server side is a "peer": it records the raw bytes the
 * client sent and lets the test answer with raw bytes (delivered as ArrayBuffer, as a browser does).
 */
function fakeWebSocket() {
  const peers = [];
  class Peer {
    constructor(ws) {
      this.ws = ws;
      this.frames = [];
      this.waiters = [];
    }

    /** Next WebSocket message (Uint8Array) sent by the client. */
    next(timeoutMs = 1000) {
      if (this.frames.length) return Promise.resolve(this.frames.shift());
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no frame from client within ' + timeoutMs + ' ms')), timeoutMs);
        this.waiters.push((f) => {
          clearTimeout(t);
          resolve(f);
        });
      });
    }

    async nextHex(timeoutMs) {
      return hex(await this.next(timeoutMs));
    }

    sendHex(h) {
      this.send(unhex(h));
    }

    send(bytes) {
      const copy = Uint8Array.from(bytes);
      this.ws.onmessage?.({ type: 'message', data: copy.buffer });
    }

    async handshake(response = { code: 200, sys: { dict: {}, heartbeat: 30, serializer: 'json' } }, { zlib = false } = {}) {
      const hs = await this.next();
      assert.equal(hs[0], PacketType.HANDSHAKE);
      const json = Buffer.from(JSON.stringify(response));
      this.send(Packet.encode(PacketType.HANDSHAKE, zlib ? deflateSync(json) : json));
      if (response.code === 200) assert.equal(await this.nextHex(), V.handshakeAck);
      return JSON.parse(text(hs.subarray(4)));
    }

    close(code = 1006, reason = '') {
      if (this.ws.readyState === 3) return;
      this.ws.readyState = 3;
      this.ws.onclose?.({ type: 'close', code, reason, wasClean: code !== 1006 });
    }

    _receive(data) {
      assert.ok(data instanceof Uint8Array, 'client must send binary data');
      const f = Uint8Array.from(data);
      const w = this.waiters.shift();
      if (w) w(f);
      else this.frames.push(f);
    }
  }

  class FakeWebSocket {
    constructor(url) {
      this.url = url;
      this.readyState = 0;
      this.binaryType = 'blob';
      this.closedByClient = null;
      this.peer = new Peer(this);
      peers.push(this.peer);
      setTimeout(() => {
        if (this.readyState !== 0) return;
        this.readyState = 1;
        this.onopen?.({ type: 'open' });
      }, 0);
    }

    send(data) {
      if (this.readyState !== 1) throw new Error('InvalidStateError');
      this.peer._receive(data);
    }

    close(code, reason) {
      if (this.readyState >= 2) return;
      this.closedByClient = { code, reason };
      this.readyState = 2;
      setTimeout(() => {
        this.readyState = 3;
        this.onclose?.({ type: 'close', code: code ?? 1005, reason: reason ?? '', wasClean: true });
      }, 0);
    }
  }

  return { WebSocket: FakeWebSocket, peers, peer: () => peers[peers.length - 1] };
}

async function connected(options = {}, response, hsOptions) {
  const fake = fakeWebSocket();
  const client = new Pitaya.Client({ url: 'ws://test/', WebSocket: fake.WebSocket, ...options });
  const p = client.connect();
  await sleep(0);
  const peer = fake.peer();
  const sentHandshake = await peer.handshake(response, hsOptions);
  const res = await p;
  return { client, peer, fake, sentHandshake, res };
}

describe('client (fake socket)', () => {
  test('connect: handshake, ack, resolves with the handshake response', async () => {
    const fake = fakeWebSocket();
    const client = new Pitaya.Client({ url: 'ws://h:1/', user: { name: 'ann' }, WebSocket: fake.WebSocket });
    assert.equal(client.state, 'idle');
    const p = client.connect();
    await sleep(0);
    const peer = fake.peer();
    assert.equal(peer.ws.url, 'ws://h:1/');
    assert.equal(peer.ws.binaryType, 'arraybuffer');
    const hs = await peer.next();
    assert.equal(hex(hs.subarray(0, 4)), '01' + (hs.length - 4).toString(16).padStart(6, '0'));
    assert.equal(text(hs.subarray(4)),
      '{"sys":{"platform":"js","libVersion":"0.1.0","clientBuildNumber":"1","clientVersion":"0.1"},"user":{"name":"ann"}}');
    assert.equal(client.state, 'handshaking');
    peer.sendHex(V.serverHandshake);
    assert.equal(await peer.nextHex(), V.handshakeAck);
    assert.deepEqual(await p, { code: 200, sys: { dict: {}, heartbeat: 30, serializer: 'json' } });
    assert.equal(client.state, 'connected');
    assert.equal(client.connected, true);
    client.close();
    assert.equal(client.state, 'closed');
    assert.deepEqual(peer.ws.closedByClient, { code: 1000, reason: 'client closed' });
  });

  test('requests: ids start at 1, exact bytes, response decoding', async () => {
    const { client, peer } = await connected();
    const r1 = client.request('room.room.join', {});
    assert.equal(await peer.nextHex(), norm(V.request));
    peer.sendHex(V.response);
    assert.deepEqual(await r1, { code: 0, result: 'success' });

    const r2 = client.request('connector.raw', { x: 1 });
    const m2 = Message.decode((await peer.next()).subarray(4));
    assert.equal(m2.id, 2);
    assert.equal(m2.route, 'connector.raw');
    assert.equal(text(m2.body), '{"x":1}');
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: 2, body: utf8('ack') })));
    assert.equal(await r2, 'ack');

    const r3 = client.request('connector.bytes', unhex('0a0b'), { raw: true });
    const m3 = Message.decode((await peer.next()).subarray(4));
    assert.equal(m3.id, 3);
    assert.equal(hex(m3.body), '0a0b');
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: 3, body: unhex('ff00') })));
    assert.equal(hex(await r3), 'ff00');
    client.close();
  });

  test('responses may arrive out of order', async () => {
    const { client, peer } = await connected();
    const a = client.request('s.a', {});
    const b = client.request('s.b', {});
    await peer.next();
    await peer.next();
    const resp = (id, v) => Packet.encode(PacketType.DATA,
      Message.encode({ type: MessageType.RESPONSE, id, body: utf8(JSON.stringify(v)) }));
    peer.send(resp(2, 'b'));
    peer.send(resp(1, 'a'));
    assert.deepEqual(await Promise.all([a, b]), ['a', 'b']);
    client.close();
  });

  test('notify encodes a notify message', async () => {
    const { client, peer } = await connected();
    client.notify('room.message', { name: 'a', content: 'hi' });
    const expected = Packet.encode(PacketType.DATA, Buffer.concat([
      Buffer.from('020c', 'hex'), Buffer.from('room.message'), Buffer.from('{"name":"a","content":"hi"}')]));
    assert.equal(await peer.nextHex(), hex(expected));
    client.close();
  });

  test('error response rejects with code, msg and metadata', async () => {
    const { client, peer } = await connected();
    const p = client.request('connector.testsvc.nonexistenthandler', {});
    const m = Message.decode((await peer.next()).subarray(4));
    assert.equal(m.id, 1);
    const body = '{"code":"PIT-433","msg":"test error","metadata":{"some":"meta"}}';
    peer.send(Packet.encode(PacketType.DATA,
      Message.encode({ type: MessageType.RESPONSE, id: 1, error: true, body: utf8(body) })));
    await assert.rejects(p, (err) => {
      assert.ok(err instanceof Error);
      assert.ok(err instanceof Pitaya.PitayaError);
      assert.equal(err.code, 'PIT-433');
      assert.equal(err.msg, 'test error');
      assert.equal(err.message, 'test error');
      assert.deepEqual(err.metadata, { some: 'meta' });
      assert.equal(err.route, 'connector.testsvc.nonexistenthandler');
      return true;
    });
    // the exact PROTOCOL.md error vector (id 300) is matched to request #300
    for (let i = 2; i < 300; i++) client.request('x.y', {}, { timeoutMs: 0 }).catch(() => {});
    const p300 = client.request('x.y', {});
    for (let i = 2; i <= 300; i++) await peer.next();
    peer.sendHex(V.errorResponse);
    await assert.rejects(p300, {
      code: 'PIT-404', msg: 'pitaya/handler: connector.testsvc.nonexistenthandler not found', metadata: {}
    });
    client.close();
  });

  test('compressed error response (flag 0x34) is inflated first', async () => {
    const { client, peer } = await connected();
    const p = client.request('a.b', {});
    await peer.next();
    const body = deflateSync(Buffer.from('{"code":"PIT-555","msg":"' + 'x'.repeat(200) + '"}'));
    peer.send(Packet.encode(PacketType.DATA,
      Message.encode({ type: MessageType.RESPONSE, id: 1, error: true, compressed: true, body })));
    await assert.rejects(p, { code: 'PIT-555', msg: 'x'.repeat(200) });
    client.close();
  });

  test('request timeout rejects with PIT-504 and a late response is ignored', async () => {
    const { client, peer } = await connected({ requestTimeoutMs: 30 });
    const p = client.request('slow.handler', {});
    await peer.next();
    await assert.rejects(p, (err) => {
      assert.equal(err.code, 'PIT-504');
      assert.equal(err.route, 'slow.handler');
      return true;
    });
    peer.sendHex(V.response); // late answer for id 1
    const q = client.request('fast.handler', {}, { timeoutMs: 1000 });
    const m = Message.decode((await peer.next()).subarray(4));
    assert.equal(m.id, 2);
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: 2, body: utf8('1') })));
    assert.equal(await q, 1);
    assert.equal(client.state, 'connected');
    client.close();
  });

  test('pushes reach route listeners and "*"; off() unsubscribes', async () => {
    const { client, peer } = await connected();
    const got = [];
    const off = client.on('onMessage', (body, route) => got.push(['onMessage', body, route]));
    client.on('*', (body, route) => got.push(['*', route]));
    peer.sendHex(V.push);
    await sleep(5);
    off();
    peer.sendHex(V.push);
    await sleep(5);
    assert.deepEqual(got, [
      ['onMessage', { name: 'a', content: 'hi' }, 'onMessage'],
      ['*', 'onMessage'],
      ['*', 'onMessage']
    ]);
    client.close();
  });

  test('zlib handshake with a dict: routes compressed both ways', async () => {
    const dict = { 'room.message': 3, onMessage: 4, onMembers: 5 };
    const { client, peer, res } = await connected({}, { code: 200, sys: { dict, heartbeat: 30, serializer: 'json' } },
      { zlib: true });
    assert.deepEqual(res.sys.dict, dict);
    assert.deepEqual(client.dict, dict);
    const got = [];
    client.on('onMessage', (b) => got.push(b));
    peer.sendHex(V.pushCompressedRoute);
    client.notify('room.message', {});
    assert.equal(await peer.nextHex(), '0400000503' + '0003' + '7b7d'); // notify | route compressed
    client.notify('room.other', {});
    assert.equal(Message.decode((await peer.next()).subarray(4)).route, 'room.other');
    await sleep(5);
    assert.deepEqual(got, [{ name: 'a', content: 'hi' }]);
    client.close();

    const plain = await connected({ compressRoutes: false }, { code: 200, sys: { dict, heartbeat: 30 } });
    plain.client.notify('room.message', {});
    assert.equal(Message.decode((await plain.peer.next()).subarray(4)).routeCompressed, false);
    plain.client.close();
  });

  test('ordering is preserved across compressed payloads and packets batched in one message', async () => {
    const { client, peer } = await connected();
    const got = [];
    client.on('seq', (b) => got.push(b.n));
    const push = (n, compressed) => {
      const json = Buffer.from(JSON.stringify({ n, pad: 'p'.repeat(compressed ? 5000 : 0) }));
      return Packet.encode(PacketType.DATA, Message.encode(
        { type: MessageType.PUSH, route: 'seq', compressed, body: compressed ? deflateSync(json) : json }));
    };
    peer.send(Buffer.concat([push(1, true), push(2, false), push(3, true)]));
    peer.send(push(4, false));
    peer.send(Buffer.concat([push(5, true), push(6, false)]));
    peer.send(push(7, false));
    await sleep(50);
    assert.deepEqual(got, [1, 2, 3, 4, 5, 6, 7]);

    // a compressed response is resolved before a later push is dispatched
    const order = [];
    client.on('after', () => order.push('push'));
    const p = client.request('a.b', {}).then(() => order.push('response'));
    await peer.next();
    const big = deflateSync(Buffer.from(JSON.stringify({ pad: 'q'.repeat(10000) })));
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: 1, compressed: true, body: big })));
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.PUSH, route: 'after', body: utf8('{}') })));
    await p;
    await sleep(10);
    assert.deepEqual(order, ['response', 'push']);
    client.close();
  });

  test('heartbeats are sent every sys.heartbeat; a silent server is dropped after 3 intervals', async () => {
    const { client, peer } = await connected({ requestTimeoutMs: 5000 },
      { code: 200, sys: { dict: {}, heartbeat: 0.04, serializer: 'json' } });
    const closed = new Promise((r) => client.onClose(r));
    const pending = client.request('never.answered', {});
    await peer.next();
    const started = Date.now();
    assert.equal(await peer.nextHex(500), V.heartbeat);
    assert.equal(await peer.nextHex(500), V.heartbeat);
    const ev = await closed;
    const elapsed = Date.now() - started;
    assert.equal(ev.reason, 'heartbeat timeout');
    assert.equal(ev.error.code, 'PIT-504');
    assert.ok(elapsed >= 60 && elapsed < 1000, 'closed after ' + elapsed + ' ms');
    await assert.rejects(pending, { code: ErrorCode.CONNECTION_CLOSED });
    assert.equal(client.state, 'closed');
    assert.deepEqual(peer.ws.closedByClient, { code: 1000, reason: 'heartbeat timeout' });
  });

  test('a server that keeps talking is not dropped', async () => {
    const { client, peer } = await connected({}, { code: 200, sys: { dict: {}, heartbeat: 0.04, serializer: 'json' } });
    let closed = false;
    client.onClose(() => { closed = true; });
    const timer = setInterval(() => peer.sendHex(V.heartbeat), 40);
    await sleep(300);
    clearInterval(timer);
    assert.equal(closed, false);
    assert.equal(client.state, 'connected');
    client.close();
    assert.equal(closed, true);
  });

  test('kick: onKick then onClose', async () => {
    const { client, peer } = await connected();
    const events = [];
    client.onKick((body) => events.push(['kick', body]));
    client.onClose((ev) => events.push(['close', ev.kicked, ev.reason]));
    const pending = client.request('a.b', {});
    await peer.next();
    peer.sendHex(V.kick);
    await assert.rejects(pending, { code: ErrorCode.CONNECTION_CLOSED });
    assert.deepEqual(events, [['kick', null], ['close', true, 'kicked by server']]);
    assert.equal(client.state, 'closed');
    assert.throws(() => client.notify('a.b', {}), { code: ErrorCode.NOT_CONNECTED });
    await assert.rejects(client.request('a.b', {}), { code: ErrorCode.NOT_CONNECTED });
  });

  test('handshake code 400 rejects connect', async () => {
    const fake = fakeWebSocket();
    const client = new Pitaya.Client({ url: 'ws://x/', WebSocket: fake.WebSocket });
    const p = client.connect();
    await sleep(0);
    const peer = fake.peer();
    await peer.next();
    peer.send(Packet.encode(PacketType.HANDSHAKE, utf8('{"code":400,"sys":{"dict":{},"heartbeat":30,"serializer":"json"}}')));
    peer.close(1000, '');
    await assert.rejects(p, (err) => {
      assert.equal(err.code, ErrorCode.HANDSHAKE_FAILED);
      assert.equal(err.response.code, 400);
      return true;
    });
    assert.equal(client.state, 'closed');
  });

  test('server close: pending requests reject, onClose reports the close, messages before it are delivered', async () => {
    const { client, peer } = await connected();
    const closes = [];
    client.onClose((ev) => closes.push(ev));
    const a = client.request('a.b', {});
    const b = client.request('a.c', {});
    await peer.next();
    await peer.next();
    const big = deflateSync(Buffer.from(JSON.stringify({ v: 'z'.repeat(5000) })));
    peer.send(Packet.encode(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: 1, compressed: true, body: big })));
    peer.close(1001, 'going away');
    assert.equal((await a).v.length, 5000);
    await assert.rejects(b, { code: ErrorCode.CONNECTION_CLOSED });
    assert.equal(closes.length, 1);
    assert.equal(closes[0].code, 1001);
    assert.equal(closes[0].reason, 'going away');
    assert.equal(closes[0].kicked, false);
  });

  test('protocol errors close the connection and are reported', async () => {
    const { client, peer } = await connected();
    const errors = [];
    client.onError((e) => errors.push(e));
    const closed = new Promise((r) => client.onClose(r));
    peer.sendHex('06000000');
    const ev = await closed;
    assert.equal(errors[0].code, ErrorCode.PROTOCOL_ERROR);
    assert.match(ev.reason, /wrong packet type/);
    assert.equal(peer.ws.closedByClient.code, 1000);
  });

  test('connect timeout, then reconnects with the same client (listeners kept, ids restart at 1)', async () => {
    const fake = fakeWebSocket();
    const client = new Pitaya.Client({ url: 'ws://x/', WebSocket: fake.WebSocket, connectTimeoutMs: 30 });
    const got = [];
    client.on('onMessage', (b) => got.push(b));
    await assert.rejects(client.connect(), { code: 'PIT-504' });
    assert.equal(client.state, 'closed');
    const p = client.connect();
    await sleep(0);
    await fake.peer().handshake();
    await p;
    fake.peer().sendHex(V.push);
    await sleep(5);
    assert.deepEqual(got, [{ name: 'a', content: 'hi' }]);
    assert.equal(fake.peers.length, 2);
    client.request('a.b', {}).catch(() => {});
    client.request('a.b', {}).catch(() => {});
    assert.equal(Message.decode((await fake.peer().next()).subarray(4)).id, 1);
    assert.equal(Message.decode((await fake.peer().next()).subarray(4)).id, 2);
    client.close();
    const again = client.connect(); // a new connection starts its ids at 1 again
    await sleep(0);
    await fake.peer().handshake();
    await again;
    client.request('a.b', {}).catch(() => {});
    assert.equal(Message.decode((await fake.peer().next()).subarray(4)).id, 1);
    assert.equal(fake.peers.length, 3);
    client.close();
  });

  test('listener exceptions do not break the pipeline', async () => {
    const { client, peer } = await connected();
    const errors = [];
    client.onError((e) => errors.push(e.message));
    const got = [];
    client.on('onMessage', () => { throw new Error('boom'); });
    client.on('onMessage', (b) => got.push(b.content));
    peer.sendHex(V.push);
    peer.sendHex(V.push);
    await sleep(5);
    assert.deepEqual(got, ['hi', 'hi']);
    assert.deepEqual(errors, ['boom', 'boom']);
    assert.equal(client.state, 'connected');
    client.close();
  });

  test('without a WebSocket implementation connect rejects', async () => {
    const client = new Pitaya.Client({ url: 'ws://x/', WebSocket: 'nope' });
    await assert.rejects(client.connect(), TypeError);
    assert.throws(() => new Pitaya.Client({}), TypeError);
  });
});

// ---------------------------------------------------------------------------------------------------
// Client over real TCP: a tiny RFC 6455 server (node:http + node:crypto) running a fake demo chat, and the
// platform WebSocket (Node >= 22) or a minimal RFC 6455 client shim written below (Node 20).

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const acceptKey = (key) => createHash('sha1').update(key + WS_GUID).digest('base64');

function encodeFrame(opcode, payload, masked) {
  const data = Buffer.from(payload);
  const len = data.length;
  const head = [0x80 | opcode];
  const maskBit = masked ? 0x80 : 0;
  if (len < 126) head.push(maskBit | len);
  else if (len < 65536) head.push(maskBit | 126, len >> 8, len & 0xff);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), data]);
  const mask = randomBytes(4);
  const out = Buffer.from(data);
  for (let i = 0; i < out.length; i++) out[i] ^= mask[i & 3];
  return Buffer.concat([Buffer.from(head), mask, out]);
}

/** Incremental frame parser; calls onFrame(opcode, payload) for each complete (unfragmented) frame. */
function frameParser(onFrame) {
  let buf = Buffer.alloc(0);
  let fragments = null;
  let fragOpcode = 0;
  return (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (buf.length < 2) return;
      const fin = (buf[0] & 0x80) !== 0;
      const opcode = buf[0] & 0x0f;
      const masked = (buf[1] & 0x80) !== 0;
      let len = buf[1] & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        off = 10;
      }
      const maskOff = off;
      if (masked) off += 4;
      if (buf.length < off + len) return;
      let payload = Buffer.from(buf.subarray(off, off + len));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buf[maskOff + (i & 3)];
      buf = buf.subarray(off + len);
      if (opcode === 0) {
        fragments.push(payload);
        if (fin) {
          payload = Buffer.concat(fragments);
          fragments = null;
          onFrame(fragOpcode, payload);
        }
      } else if (!fin) {
        fragments = [payload];
        fragOpcode = opcode;
      } else {
        onFrame(opcode, payload);
      }
    }
  };
}

/** Fake Pitaya demo-chat server speaking the protocol on every path of an HTTP server. */
function startChatServer({ dict = { onMessage: 4 }, heartbeat = 30 } = {}) {
  const sessions = new Map();
  const room = new Set();
  let nextSession = 1;
  const codes = new Map(Object.entries(dict).map(([k, v]) => [v, k]));
  const server = http.createServer((req, res) => res.writeHead(426).end());
  const sockets = new Set();

  server.on('upgrade', (req, socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if ((req.headers.upgrade || '').toLowerCase() !== 'websocket' || req.headers['sec-websocket-version'] !== '13') {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Accept: ' + acceptKey(req.headers['sec-websocket-key']) + '\r\n\r\n');
    const session = { id: nextSession++, uid: null, state: 'start', socket, received: [] };
    sessions.set(session.id, session);
    const sendPacket = (type, body) => socket.write(encodeFrame(0x2, Packet.encode(type, body), false));
    const push = (s, route, obj) => {
      const pkt = Packet.encode(PacketType.DATA,
        Message.encode({ type: MessageType.PUSH, route, body: utf8(JSON.stringify(obj)) }, dict));
      s.socket.write(encodeFrame(0x2, pkt, false));
    };
    const leave = () => {
      room.delete(session);
      sessions.delete(session.id);
    };
    socket.on('close', leave);
    socket.on('error', () => {});
    socket.on('data', frameParser((opcode, payload) => {
      if (opcode === 0x8) {
        socket.end(encodeFrame(0x8, payload.subarray(0, 2), false));
        return;
      }
      if (opcode === 0x9) {
        socket.write(encodeFrame(0xa, payload, false));
        return;
      }
      if (opcode !== 0x2) return;
      const [p] = Packet.decode(payload); // exactly one packet per WebSocket message
      session.received.push(p.type);
      if (p.type === PacketType.HANDSHAKE) {
        session.handshake = JSON.parse(text(p.body));
        const res = Buffer.from(JSON.stringify({ code: 200, sys: { dict, heartbeat, serializer: 'json' } }));
        sendPacket(PacketType.HANDSHAKE, deflateSync(res)); // zlib handshake, as with a non-trivial dict
      } else if (p.type === PacketType.HANDSHAKE_ACK) {
        session.state = 'working';
      } else if (p.type === PacketType.DATA && session.state === 'working') {
        const m = Message.decode(p.body, codes);
        if (m.type === MessageType.REQUEST && m.route === 'room.join') {
          session.uid = String(session.id);
          // like Pitaya's demo: the member list is taken before the newcomer is added to the group
          push(session, 'onMembers', { members: [...room].map((s) => s.uid) });
          for (const other of room) push(other, 'onNewUser', { content: 'New user: ' + session.uid });
          room.add(session);
          const body = deflateSync(Buffer.from('{"code":0,"result":"success"}'));
          sendPacket(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: m.id, compressed: true, body }));
        } else if (m.type === MessageType.NOTIFY && m.route === 'room.message') {
          const msg = JSON.parse(text(m.body));
          for (const s of room) push(s, 'onMessage', msg);
        } else if (m.type === MessageType.REQUEST) {
          const err = '{"code":"PIT-404","msg":"pitaya/handler: chat.' + m.route + ' not found"}';
          sendPacket(PacketType.DATA, Message.encode({ type: MessageType.RESPONSE, id: m.id, error: true, body: utf8(err) }));
        }
      }
    }));
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: 'ws://127.0.0.1:' + server.address().port + '/',
      sessions,
      close: () => new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(r);
      })
    }));
  });
}

/** Minimal RFC 6455 client with the browser WebSocket API (binary messages only). */
class ShimWebSocket {
  constructor(url) {
    const u = new URL(url);
    this.url = url;
    this.readyState = 0;
    this.binaryType = 'blob';
    const key = randomBytes(16).toString('base64');
    const req = http.request({
      host: u.hostname, port: u.port, path: u.pathname + u.search,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' }
    });
    req.on('upgrade', (res, socket, head) => {
      if (res.headers['sec-websocket-accept'] !== acceptKey(key)) {
        socket.destroy();
        this._closed(1006, 'bad accept key');
        return;
      }
      this.socket = socket;
      this.readyState = 1;
      const parse = frameParser((opcode, payload) => {
        if (opcode === 0x2 || opcode === 0x1) {
          const data = this.binaryType === 'arraybuffer'
            ? payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.length) : payload;
          this.onmessage?.({ type: 'message', data });
        } else if (opcode === 0x8) {
          const code = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
          if (this.readyState === 1) socket.write(encodeFrame(0x8, payload.subarray(0, 2), true));
          this.readyState = 2;
          socket.end();
          this._closed(code, payload.subarray(2).toString('utf8'), true);
        } else if (opcode === 0x9) {
          socket.write(encodeFrame(0xa, payload, true));
        }
      });
      socket.on('data', parse);
      socket.on('close', () => this._closed(1006, '', false));
      socket.on('error', () => {});
      this.onopen?.({ type: 'open' });
      if (head && head.length) parse(head);
    });
    req.on('response', () => this._closed(1006, 'upgrade refused', false));
    req.on('error', () => this._closed(1006, 'connect error', false));
    req.end();
  }

  send(data) {
    if (this.readyState !== 1) throw new Error('InvalidStateError');
    this.socket.write(encodeFrame(0x2, Buffer.from(data.buffer, data.byteOffset, data.byteLength), true));
  }

  close(code = 1000, reason = '') {
    if (this.readyState >= 2) return;
    if (this.readyState === 0) {
      this._closed(1006, '', false);
      return;
    }
    this.readyState = 2;
    const payload = Buffer.concat([Buffer.from([code >> 8, code & 0xff]), Buffer.from(reason)]);
    this.socket.write(encodeFrame(0x8, payload, true));
    setTimeout(() => this.socket.destroy(), 100).unref();
  }

  _closed(code, reason, wasClean) {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ type: 'close', code, reason, wasClean });
  }
}

const RealWebSocket = typeof globalThis.WebSocket === 'function' ? globalThis.WebSocket : ShimWebSocket;

describe('client over a real WebSocket (' + (RealWebSocket === ShimWebSocket ? 'RFC 6455 test shim' : 'platform WebSocket') + ')', () => {
  test('demo chat flow: join, onMembers, onNewUser, onMessage to everyone, errors', async () => {
    const server = await startChatServer();
    try {
      const ann = new Pitaya.Client({ url: server.url, user: { name: 'ann' }, WebSocket: RealWebSocket, requestTimeoutMs: 3000 });
      const bob = new Pitaya.Client({ url: server.url, user: { name: 'bob' }, WebSocket: RealWebSocket, requestTimeoutMs: 3000 });
      const log = { ann: [], bob: [] };
      for (const [who, c] of [['ann', ann], ['bob', bob]]) {
        for (const route of ['onMembers', 'onNewUser', 'onMessage']) c.on(route, (body) => log[who].push([route, body]));
      }
      const hs = await ann.connect();
      assert.deepEqual(hs, { code: 200, sys: { dict: { onMessage: 4 }, heartbeat: 30, serializer: 'json' } });
      assert.deepEqual(await ann.request('room.join', {}), { code: 0, result: 'success' });
      await bob.connect();
      assert.deepEqual(await bob.request('room.join', {}), { code: 0, result: 'success' });
      const annSession = server.sessions.get(1);
      assert.deepEqual(annSession.handshake, {
        sys: { platform: 'js', libVersion: '0.1.0', clientBuildNumber: '1', clientVersion: '0.1' }, user: { name: 'ann' }
      });
      assert.deepEqual(annSession.received.slice(0, 3), [1, 2, 4]);

      const received = Promise.all([ann, bob].map((c) => new Promise((r) => {
        const off = c.on('onMessage', (b) => { off(); r(b); });
      })));
      ann.notify('room.message', { name: 'ann', content: 'hello ✓' });
      assert.deepEqual(await received, [{ name: 'ann', content: 'hello ✓' }, { name: 'ann', content: 'hello ✓' }]);

      assert.deepEqual(log.ann, [
        ['onMembers', { members: [] }],
        ['onNewUser', { content: 'New user: 2' }],
        ['onMessage', { name: 'ann', content: 'hello ✓' }]
      ]);
      assert.deepEqual(log.bob, [
        ['onMembers', { members: ['1'] }],
        ['onMessage', { name: 'ann', content: 'hello ✓' }]
      ]);

      await assert.rejects(bob.request('room.nope', { big: 'x'.repeat(70000) }), { code: 'PIT-404' });

      const annClosed = new Promise((r) => ann.onClose(r));
      ann.close();
      assert.equal((await annClosed).reason, 'client closed');
      const bobClosed = new Promise((r) => bob.onClose(r));
      await server.close();
      const ev = await bobClosed;
      assert.equal(bob.state, 'closed');
      assert.equal(ev.kicked, false);
    } finally {
      await server.close();
    }
  });
});
