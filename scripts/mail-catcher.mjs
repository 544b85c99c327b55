#!/usr/bin/env node
// A local SMTP catcher for `npm start`: accepts every message on loopback,
// keeps each as an .eml file (open it in any mail client) and prints one line
// per mail. Nothing goes further. scripts/run-apps.mjs starts it when SMTP_URL
// is not set and points the notifications service at it.
//
//   MAIL_CATCHER_PORT  where it listens (default 1025)
//   MAIL_DIR           where mails are kept (default .data/dev/mail)

import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.MAIL_CATCHER_PORT || 1025);
const dir = path.resolve(process.env.MAIL_DIR || '.data/dev/mail');
fs.mkdirSync(dir, { recursive: true });
let count = 0;

async function keep(raw) {
  const mail = await simpleParser(raw);
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
  fs.writeFileSync(file, raw);
  const attached = mail.attachments.map((a) => a.filename).filter(Boolean);
  console.log(`mail to ${mail.to?.text ?? '?'}: ${mail.subject ?? '(no subject)'}${attached.length ? ` [${attached.join(', ')}]` : ''} → ${path.relative(process.cwd(), file)}`);
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth: (auth, session, callback) => callback(null, { user: auth.username }),
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => keep(Buffer.concat(chunks)).then(() => callback(), callback));
  },
});
server.on('error', (err) => {
  console.error(err.code === 'EADDRINUSE' ? `port ${port} is taken: set MAIL_CATCHER_PORT` : err.message);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => console.log(`catching mail on smtp://127.0.0.1:${port}, kept in ${path.relative(process.cwd(), dir)}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
