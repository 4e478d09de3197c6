/** Entry point: the app shell; views are loaded lazily by the shell (see views/registry.ts). */
import './app-shell/app-shell.ts';
import './global.css';
