// The chat's routes on this server (the standalone demo: handler "room" on this server).
window.CHAT_ROUTES = { join: 'room.join', message: 'room.message' };
