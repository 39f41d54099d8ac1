// Keeps a room library valid while the room has no sources of its own.
