"""An e-mail backend for the concurrency test: prints each message like the console
backend, one per line as `SENT <recipient> <subject>`, and takes a while per message,
as an SMTP server does, so that two runs overlap."""

import sys
import time

from django.core.mail.backends.base import BaseEmailBackend


class SlowConsoleBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            time.sleep(0.05)
            for recipient in message.to:
                sys.stdout.write(f"SENT {recipient} {message.subject}\n")
            sys.stdout.flush()
        return len(email_messages)
