#!/usr/bin/env node
// SOAP Autodiscover acceptance client built on ews-javascript-api (the EWS Managed API JS port).
//
// usage: node client.js <autodiscover.svc URL> <user> <password> <mailbox> <Setting1,Setting2,...>
//   e.g. NODE_EXTRA_CA_CERTS=ca.crt node client.js https://mail.contoso.com/autodiscover/autodiscover.svc \
//          alice secret alice@contoso.com UserDisplayName,UserDN,MailboxDN
//
// On success prints ONE line of JSON to stdout and exits 0:
//   {"mailbox":..,"errorCode":"NoError","errorMessage":..,"redirectTarget":null,
//    "serverInfo":{"MajorVersion":14,...,"VersionString":"Exchange2010_SP1"},
//    "settings":{"UserDisplayName":"..",...},"settingErrors":[{"settingName":..,"errorCode":..,"errorMessage":..}],
//    "missing":[requested names that came back neither as setting nor as setting error]}
// On failure prints "error: <message>" to stderr and exits non-zero:
//   1 = transport/protocol/parse failure, 2 = usage, 3 = HTTP 401 (authentication failed),
//   4 = per-user error (UserResponse ErrorCode != NoError, e.g. InvalidUser)
// Trust a private CA with NODE_EXTRA_CA_CERTS=/path/ca.crt (Node reads it at start-up).
'use strict';
const ews = require('ews-javascript-api');

function fail(code, msg) {
  process.stderr.write('error: ' + msg + '\n');
  process.exit(code);
}

const [url, user, password, mailbox, settingList] = process.argv.slice(2);
if (!url || !user || password === undefined || !mailbox || !settingList) {
  fail(2, 'usage: node client.js <url> <user> <password> <mailbox> <Setting1,Setting2,...>');
}

const settingNames = settingList.split(',').map(s => s.trim()).filter(Boolean);
const settingIds = settingNames.map(n => {
  const id = ews.UserSettingName[n];
  if (typeof id !== 'number') fail(2, 'unknown UserSettingName: ' + n);
  return id;
});

// The library's default transport is XhrApi (@ewsjs/xhr, axios based). When the HTTP status is not
// 200 it throws an object whose body has been moved to responseText, and AutodiscoverRequest then
// rethrows only that body (or undefined) -- the status code is lost. Wrap the same XhrApi so the
// last HTTP status / network error is remembered for the error message.
let last = null;
const inner = new ews.XhrApi();
ews.ConfigurationApi.ConfigureXHR({
  get apiName() { return 'recording:' + inner.apiName; },
  xhr: (options, progress) => inner.xhr(options, progress).then(
    r => { last = { status: r.status }; return r; },
    e => {
      last = { status: e && e.status, statusText: e && e.statusText, code: e && e.code, message: e && e.message,
        body: e && e.responseText, wwwAuth: e && e.headers && e.headers['www-authenticate'] };
      throw e;
    }),
  xhrStream: (o, p) => inner.xhrStream(o, p),
  disconnect: () => inner.disconnect(),
});

// AutodiscoverRequest.InternalExecute catches every exception (also TypeErrors thrown while parsing a 200
// response, e.g. when the ServerVersionInfo SOAP header is missing) and rethrows only
// `resperr.responseText || resperr.response`, i.e. usually `undefined`. Record the original exception.
const origPWE = ews.AutodiscoverRequest.prototype.ProcessWebException;
ews.AutodiscoverRequest.prototype.ProcessWebException = function (err) {
  // ews.Exception (e.g. AutodiscoverResponseException for a top-level Response ErrorCode) is not an Error subclass.
  if (err instanceof Error || err instanceof ews.Exception) { last = Object.assign({}, last, { exception: err }); }
  return origPWE.call(this, err);
};

// Silence the library's console logging (it logs non-200 bodies with console.log).
ews.EwsLogging.DebugLogEnabled = false;

async function main() {
  // Explicit URL => no DNS / SCP / POX discovery; RequestedServerVersion Exchange2010 is sent in the header.
  const svc = new ews.AutodiscoverService(new ews.Uri(url), ews.ExchangeVersion.Exchange2010);
  svc.Credentials = new ews.WebCredentials(user, password); // -> pre-emptive "Authorization: Basic ..."

  let resp;
  try {
    resp = await svc.GetUserSettings(mailbox, settingIds);
  } catch (e) {
    if (last && last.status === 401) {
      fail(3, 'HTTP 401 Unauthorized (authentication failed)' + (last.wwwAuth ? '; WWW-Authenticate: ' + last.wwwAuth : ''));
    }
    if (last && last.status && last.status !== 200) {
      fail(1, 'HTTP ' + last.status + (last.statusText ? ' ' + last.statusText : '') +
        (last.body ? ': ' + String(last.body).slice(0, 500) : ''));
    }
    if (last && !last.status && (last.code || last.message)) {
      fail(1, 'transport error: ' + [last.code, last.message].filter(Boolean).join(' '));
    }
    if (e === undefined && last && last.exception) {
      const x = last.exception;
      fail(1, 'response could not be processed: ' + x.constructor.name + ': ' + x.message +
        (x instanceof ews.AutodiscoverResponseException ? ' (Response ErrorCode ' + ews.AutodiscoverErrorCode[x.ErrorCode] + ')' : ''));
    }
    let msg;
    if (e instanceof Error) msg = e.constructor.name + ': ' + e.message;
    else if (e && typeof e === 'object') msg = (e.constructor ? e.constructor.name + ': ' : '') + (e.message || JSON.stringify(e));
    else msg = String(e);
    if (e && e.ErrorCode !== undefined && ews.AutodiscoverErrorCode[e.ErrorCode]) {
      msg += ' (ErrorCode ' + ews.AutodiscoverErrorCode[e.ErrorCode] + ')';
    }
    fail(1, msg);
  }

  const settings = {};
  for (const { key, value } of resp.Settings.Items) {
    settings[ews.UserSettingName[key]] = toPlain(value);
  }
  const si = svc.ServerInfo;
  const out = {
    mailbox: resp.SmtpAddress,
    errorCode: ews.AutodiscoverErrorCode[resp.ErrorCode] || String(resp.ErrorCode),
    errorMessage: resp.ErrorMessage === undefined ? null : resp.ErrorMessage,
    redirectTarget: resp.RedirectTarget || null,
    serverInfo: si ? { MajorVersion: si.MajorVersion, MinorVersion: si.MinorVersion, MajorBuildNumber: si.MajorBuildNumber,
      MinorBuildNumber: si.MinorBuildNumber, VersionString: si.VersionString } : null,
    settings,
    settingErrors: (resp.UserSettingErrors || []).map(er => ({
      settingName: er.SettingName, errorCode: ews.AutodiscoverErrorCode[er.ErrorCode] || er.ErrorCode, errorMessage: er.ErrorMessage,
    })),
  };
  // Requested settings that came back neither as a setting nor as a UserSettingError. ews-javascript-api
  // silently drops settings whose i:type it does not recognise (e.g. a prefixed "a:StringSetting") or whose
  // Name is not in its UserSettingName enum, so this list makes such server bugs visible.
  out.missing = settingNames.filter(n => !(n in settings) && !out.settingErrors.some(er => er.settingName === n));
  process.stdout.write(JSON.stringify(out) + '\n');
  if (resp.ErrorCode !== ews.AutodiscoverErrorCode.NoError) {
    fail(4, 'UserResponse ErrorCode ' + out.errorCode + ': ' + out.errorMessage);
  }
}

// WebClientUrlCollection / ProtocolConnectionCollection / AlternateMailboxCollection -> plain JSON.
function toPlain(v) {
  if (v === null || v === undefined || typeof v !== 'object') return v === undefined ? null : v;
  if (Array.isArray(v)) return v.map(toPlain);
  for (const k of ['Urls', 'Connections', 'Entries', 'ProtocolConnections']) {
    if (Array.isArray(v[k])) return v[k].map(toPlain);
  }
  const o = {};
  let proto = Object.getPrototypeOf(v);
  while (proto && proto !== Object.prototype) {
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (d.get && /^[A-Z]/.test(k) && !(k in o)) o[k] = toPlain(v[k]);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return Object.keys(o).length ? o : v;
}

main().then(() => process.exit(0), e => fail(1, (e && e.stack) || String(e)));
