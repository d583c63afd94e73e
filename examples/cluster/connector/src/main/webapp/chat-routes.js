// The chat's routes in the cluster example: the connector forwards "room.*" routes to a server of type "room".
window.CHAT_ROUTES = { join: 'room.room.join', message: 'room.room.message' };
