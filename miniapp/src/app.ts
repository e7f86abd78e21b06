import 'zmp-ui/zaui.css';
import './css/app.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import appConfig from '../app-config.json';
import { AppShell } from './components/app';
import { APP_NAME } from './config';
import { zalo } from './services/zalo';

// Zalo injects the deployed app-config; zmp-sdk reads the header settings from it, so a
// page opened any other way gets ours.
if (!window.APP_CONFIG) window.APP_CONFIG = appConfig;
document.title = APP_NAME;
zalo.preload();

const container = document.getElementById('app');
if (!container) throw new Error('index.html has no #app element');
createRoot(container).render(createElement(AppShell));
