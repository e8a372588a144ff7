#!/usr/bin/env python3
"""SMTP sink for Iris' black-box tests: a real SMTP server (aiosmtpd) that
stores what it accepts as files, so tests can assert on the mail the server
sent without a mock inside the binary.

    smtp_sink.py --host 127.0.0.1 --port 0 --out DIR
                 [--data-replies 421,451] [--reject-all 550] [--delay SECONDS]
                 [--tls starttls|implicit --cert PEM --key PEM]

Once listening it prints exactly one line, `READY <port>`, to stdout.

Per accepted message: DIR/<seq>.eml (raw bytes) and then, atomically,
DIR/<seq>.json ({"mail_from", "rcpt_tos", "received_at"}). Readers poll for
*.json: it only appears once the matching .eml is complete.

Every DATA attempt (accepted or refused) appends `<unix float> <code>` to
DIR/attempts.log, written before the reply goes out, so a client that has
seen the reply can already read the line.

Refusals are given after the message body (aiosmtpd has no hook between the
DATA command and its 354), as real servers do for content-time failures.
A 421 also closes the connection, as RFC 5321 §3.8 says it must.

With --tls starttls the sink offers STARTTLS and refuses MAIL before it (530); with
--tls implicit it speaks TLS from the first byte (smtps). Either way with the given
certificate, so tests can check that a client refuses one it should not trust.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import sys
import time
from pathlib import Path

from aiosmtpd.smtp import SMTP

# Reply texts for the codes tests are likely to ask for; others get a generic one.
REPLY_TEXT = {
    421: "4.3.0 try later",
    450: "4.2.0 mailbox busy, try later",
    451: "4.3.0 local error, try later",
    452: "4.3.1 insufficient storage, try later",
    550: "5.7.1 rejected",
    552: "5.3.4 message too big",
    554: "5.0.0 transaction failed",
}


def reply_for(code: int) -> str:
    text = REPLY_TEXT.get(code) or f"{code // 100}.0.0 refused by smtp_sink"
    return f"{code} {text}"


def smtp_code(text: str) -> int:
    code = int(text)
    if not 400 <= code <= 599:
        raise argparse.ArgumentTypeError(f"{code} is not a 4xx/5xx SMTP code")
    return code


def code_list(text: str) -> list[int]:
    return [smtp_code(part.strip()) for part in text.split(",") if part.strip()]


class SinkHandler:
    def __init__(self, out: Path, data_replies: list[int], reject_all: int | None, delay: float):
        self.out = out
        self.data_replies = list(data_replies)
        self.reject_all = reject_all
        self.delay = delay
        # Continue after existing files so a reused DIR never gets overwritten.
        existing = [int(p.stem) for p in out.glob("*.eml") if p.stem.isdigit()]
        self.next_seq = max(existing, default=0) + 1

    def log_attempt(self, at: float, code: int) -> None:
        with open(self.out / "attempts.log", "a", encoding="ascii") as f:
            f.write(f"{at:.6f} {code}\n")

    async def handle_DATA(self, server, session, envelope):
        at = time.time()
        if self.delay > 0:
            await asyncio.sleep(self.delay)

        if self.reject_all is not None:
            code = self.reject_all
        elif self.data_replies:
            code = self.data_replies.pop(0)
        else:
            code = 250

        if code != 250:
            self.log_attempt(at, code)
            if code == 421:
                # Runs on the next loop turn, i.e. after aiosmtpd has written
                # the reply; close() flushes it before closing.
                asyncio.get_running_loop().call_soon(server.transport.close)
            return reply_for(code)

        seq = self.next_seq
        self.next_seq += 1
        name = f"{seq:06d}"
        (self.out / f"{name}.eml").write_bytes(envelope.original_content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "received_at": at,
        }
        tmp = self.out / f".{name}.json.tmp"  # hidden, not *.json: pollers skip it
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        os.replace(tmp, self.out / f"{name}.json")
        self.log_attempt(at, 250)
        return "250 2.0.0 OK queued as " + name


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0, help="0 picks a free port")
    ap.add_argument("--out", type=Path, required=True, help="directory for .eml/.json files")
    ap.add_argument("--data-replies", type=code_list, default=[],
                    help="comma-separated codes for the first DATA attempts, e.g. 421,451")
    ap.add_argument("--reject-all", type=smtp_code, default=None,
                    help="answer every DATA with this code")
    ap.add_argument("--delay", type=float, default=0.0,
                    help="seconds to wait before answering DATA")
    ap.add_argument("--tls", choices=["starttls", "implicit"], default=None)
    ap.add_argument("--cert", type=Path, help="PEM certificate (with --tls)")
    ap.add_argument("--key", type=Path, help="PEM private key (with --tls)")
    args = ap.parse_args()

    tls = None
    if args.tls:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.cert, args.key)
    starttls = tls if args.tls == "starttls" else None

    args.out.mkdir(parents=True, exist_ok=True)
    handler = SinkHandler(args.out, args.data_replies, args.reject_all, args.delay)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        # A fixed hostname: aiosmtpd's default calls getfqdn(), which can stall.
        lambda: SMTP(handler, hostname="smtp-sink.test", enable_SMTPUTF8=True, decode_data=False,
                     tls_context=starttls, require_starttls=starttls is not None),
        host=args.host,
        port=args.port,
        ssl=tls if args.tls == "implicit" else None,
    )

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)

    await stop.wait()
    server.close()
    await server.wait_closed()
    return 0


if __name__ == "__main__":
    # aiosmtpd logs to "mail.log"; keep only warnings, and only on stderr.
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    sys.exit(asyncio.run(main()))
