/** What the test registrar's configuration is rendered from. */
export interface KamailioConfigInput {
  /** The TCP port on 127.0.0.1 where browsers open their SIP-over-WebSocket connections. */
  port: number;
}

/**
 * A loopback-only Kamailio registrar and proxy for SIP over WebSocket. There is no authentication:
 * it listens on 127.0.0.1 only and lives for one test run, so anyone who can reach it already runs
 * code on this machine. Contacts stay in memory (usrloc db_mode 0).
 *
 * WebSocket clients put an unreachable `*.invalid` host in their Contact, so requests from them get
 * the connection's real address recorded: fix_nated_register() for bindings (relayed to on lookup)
 * and add_contact_alias() for dialog Contacts (resolved by handle_ruri_alias() on in-dialog requests).
 */
export function renderKamailioConfig({ port }: KamailioConfigInput): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
children=2
tcp_children=2
auto_aliases=no
listen=tcp:127.0.0.1:${port}
tcp_accept_no_cl=yes
dns=no
rev_dns=no
use_dns_cache=off

loadmodule "kex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"

modparam("usrloc", "db_mode", 0)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("nathelper", "natping_interval", 0)

request_route {
  xlog("L_INFO", "SIP $rm $ru from $si:$sp ($pr)\\n");
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  # 64: the request came over a WebSocket connection.
  if (nat_uac_test("64")) {
    force_rport();
    if (is_method("REGISTER")) {
      fix_nated_register();
    } else if (is_present_hf("Contact") && !add_contact_alias()) {
      sl_send_reply("400", "Bad Contact");
      exit;
    }
  }
  if (has_totag()) {
    if (loose_route()) {
      handle_ruri_alias();
      route(RELAY);
    }
    if (is_method("ACK") && t_check_trans()) {
      route(RELAY);
    }
    if (!is_method("ACK")) {
      sl_send_reply("404", "Not Here");
    }
    exit;
  }
  if (is_method("CANCEL")) {
    if (t_check_trans()) {
      route(RELAY);
    }
    exit;
  }
  t_check_trans();
  if (is_method("REGISTER")) {
    if (!save("location")) {
      sl_reply_error();
    }
    exit;
  }
  if (is_method("INVITE|SUBSCRIBE")) {
    record_route();
  }
  if (!lookup("location")) {
    sl_send_reply("404", "Not Found");
    exit;
  }
  route(RELAY);
}

route[RELAY] {
  t_on_reply("REPLY");
  if (!t_relay()) {
    sl_reply_error();
  }
  exit;
}

onreply_route[REPLY] {
  if (nat_uac_test("64")) {
    add_contact_alias();
  }
}

event_route[xhttp:request] {
  set_reply_close();
  set_reply_no_connect();
  if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
    if (ws_handle_handshake()) {
      exit;
    }
  }
  xhttp_reply("404", "Not Found", "", "");
}
`;
}
