// The admin UI's entry: defines the shell, which loads every screen on demand.
import './shell/trellis-app.js';
