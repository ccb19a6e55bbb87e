# Runs a command with its stdout on a real pseudo-terminal (MODE tty) or on a pipe (MODE pipe) and copies every byte
# the command wrote there to OUT, unchanged; stderr stays this script's stderr. Exits with the command's exit code.
#   python3 terminal_run.py tty|pipe OUT COMMAND [ARG...]
# On the terminal, output post-processing is off (raw mode, as `stty raw` sets it), so the bytes read from the
# master side are exactly the bytes the command wrote (no \n -> \r\n); isatty(1) is still true for the command.
# The terminal is 200 columns by 50 rows, so tables are not wrapped.
import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import tty

mode, out_path, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out_path, "wb") as out:
    if mode == "pipe":
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        for chunk in iter(lambda: process.stdout.read(65536), b""):
            out.write(chunk)
        sys.exit(process.wait())

    master, slave = pty.openpty()
    tty.setraw(slave)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
    process = subprocess.Popen(command, stdin=slave, stdout=slave, close_fds=True)
    os.close(slave)
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            # EIO: the last holder of the terminal's slave side closed it.
            break
        if not chunk:
            break
        out.write(chunk)
    os.close(master)
    sys.exit(process.wait())
