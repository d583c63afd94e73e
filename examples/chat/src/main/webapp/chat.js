// Pitaya demo chat in the browser, using the project's client /pitaya.js.
//
// Flow (same routes as Pitaya's Go demo chat):
//   connect -> request "room.join" {} -> pushes "onMembers" {members:[uids]} to us, "onNewUser" {content} to others
//   notify "room.message" {name, content} -> push "onMessage" {name, content} to everyone, us included.
//
// The Pitaya endpoint is the server root: ws(s)://<this host>/ ; override with ?ws=ws://other:port/
// The routes come from chat-routes.js (window.CHAT_ROUTES): the cluster example's connector serves the same page
// with "room.room.join" / "room.room.message", routes of its room backend.
(function () {
  'use strict';

  var routes = window.CHAT_ROUTES || { join: 'room.join', message: 'room.message' };

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    joinForm: $('join-form'),
    name: $('name'),
    join: $('join'),
    sendForm: $('send-form'),
    message: $('message'),
    send: $('send'),
    messages: $('messages'),
    members: $('members'),
    status: $('status'),
    error: $('error'),
    server: $('server')
  };

  var client = null;
  var myName = '';

  function endpoint() {
    var override = new URLSearchParams(window.location.search).get('ws');
    if (override) return override;
    return (window.location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + window.location.host + '/';
  }

  // Status words are chosen so that only the joined state contains "connected".
  function setStatus(state, label) {
    ui.status.dataset.state = state;
    ui.status.textContent = label || state;
  }

  function showError(text) {
    ui.error.textContent = text;
    ui.error.hidden = !text;
  }

  function describe(err) {
    if (!err) return 'unknown error';
    var text = err.msg || err.message || String(err);
    return err.code ? text + ' (' + err.code + ')' : text;
  }

  function scrollToEnd() {
    ui.messages.scrollTop = ui.messages.scrollHeight;
  }

  function addMessage(name, content) {
    var li = document.createElement('li');
    li.className = 'message';
    var who = document.createElement('span');
    who.className = 'author';
    who.textContent = String(name);
    var what = document.createElement('span');
    what.className = 'content';
    what.textContent = String(content);
    li.append(who, ': ', what);
    if (name === myName) li.classList.add('mine');
    ui.messages.appendChild(li);
    scrollToEnd();
  }

  function addNotice(text) {
    var li = document.createElement('li');
    li.className = 'notice';
    li.textContent = text;
    ui.messages.appendChild(li);
    scrollToEnd();
  }

  function addMember(uid, isMe) {
    var li = document.createElement('li');
    li.className = isMe ? 'member me' : 'member';
    li.dataset.uid = uid;
    li.textContent = isMe ? uid + ' (you)' : 'user ' + uid;
    ui.members.appendChild(li);
  }

  function setMembers(uids) {
    ui.members.textContent = '';
    addMember(myName, true);
    uids.forEach(function (uid) { addMember(String(uid), false); });
  }

  function setJoined(joined) {
    ui.name.disabled = joined;
    ui.join.disabled = joined;
    ui.message.disabled = !joined;
    ui.send.disabled = !joined;
    ui.message.placeholder = joined ? 'Say something to the room' : 'Join first, then type a message';
    if (joined) ui.message.focus();
  }

  async function join(name) {
    if (typeof window.Pitaya === 'undefined') {
      showError('The Pitaya client (/pitaya.js) could not be loaded.');
      return;
    }
    myName = name;
    showError('');
    setJoined(true);
    ui.message.disabled = true;
    ui.send.disabled = true;
    setStatus('connecting', 'connecting…');

    var c = new window.Pitaya.Client({ url: endpoint(), user: { name: name }, requestTimeoutMs: 10000 });
    client = c;

    c.on('onMembers', function (body) {
      setMembers(body && Array.isArray(body.members) ? body.members : []);
      var n = body && body.members ? body.members.length : 0;
      addNotice(n === 0 ? 'You are the first one here.' : 'Members already here: ' + body.members.join(', '));
    });
    c.on('onNewUser', function (body) {
      var text = body && body.content ? String(body.content) : 'A new user joined';
      addNotice(text);
      var m = /^New user: (.+)$/.exec(text);
      if (m) addMember(m[1], false);
    });
    c.on('onMessage', function (body) {
      if (body) addMessage(body.name, body.content);
    });
    c.onKick(function () {
      addNotice('You were kicked by the server.');
    });
    c.onError(function (err) {
      showError(describe(err));
    });
    c.onClose(function (ev) {
      if (client !== c) return;
      client = null;
      setJoined(false);
      setStatus(ev.kicked ? 'kicked' : 'closed', ev.kicked ? 'kicked' : 'closed: ' + (ev.reason || 'connection lost'));
    });

    try {
      await c.connect();
      setStatus('joining', 'joining…');
      var joined = await c.request(routes.join, { name: name });
      // the cluster example's room also says which connector holds us
      if (joined && joined.connector) {
        addNotice('Connected through ' + joined.connector + ' (' + joined.players + ' players there).');
      }
      if (client !== c) return;
      setJoined(true);
      setStatus('connected');
    } catch (err) {
      if (client === c) {
        client = null;
        c.close();
      }
      setJoined(false);
      setStatus('error');
      showError('Could not join: ' + describe(err));
    }
  }

  ui.server.textContent = 'Server: ' + endpoint();

  ui.joinForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var name = ui.name.value.trim();
    if (!name) {
      showError('Please enter a name.');
      ui.name.focus();
      return;
    }
    if (!client) join(name);
  });

  ui.sendForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var content = ui.message.value.trim();
    if (!content || !client || !client.connected) return;
    try {
      client.notify(routes.message, { name: myName, content: content });
      ui.message.value = '';
      showError('');
    } catch (err) {
      showError('Could not send: ' + describe(err));
    }
    ui.message.focus();
  });

  window.addEventListener('beforeunload', function () {
    if (client) client.close();
  });
}());
