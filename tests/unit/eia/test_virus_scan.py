"""The clamd client speaks INSTREAM to a small real TCP server that answers as clamd does."""

import pytest

from eia import virus_scan
from eia.errors import InvalidInput
from tests.support.clamd import EICAR, FakeClamd, unused_port


@pytest.fixture
def clamd(settings):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = "", "127.0.0.1"
    settings.CLAMD_TIMEOUT = 5
    servers = []

    def start(answer=None):
        servers.append(FakeClamd(answer))
        settings.CLAMD_PORT = servers[-1].port
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def test_a_clean_file_is_streamed_whole_in_chunks_and_passes(clamd):
    server = clamd()
    data = b"ward,users\n" * 20000  # more than one chunk
    virus_scan.check(data)
    assert server.streams == [data]


def test_a_file_clamd_finds_a_virus_in_is_refused(clamd):
    clamd()
    with pytest.raises(InvalidInput, match="contains a virus"):
        virus_scan.check(b"notes " + EICAR)


def test_a_clamd_error_or_no_clamd_fails_closed(clamd, settings):
    clamd(answer=b"INSTREAM size limit exceeded. ERROR")
    with pytest.raises(InvalidInput, match="could not be checked for viruses"):
        virus_scan.check(b"x" * 100)
    settings.CLAMD_PORT = unused_port()  # nothing listens there
    with pytest.raises(InvalidInput, match="could not be checked for viruses"):
        virus_scan.check(b"x")


def test_without_clamd_configured_nothing_is_scanned(settings):
    settings.CLAMD_SOCKET, settings.CLAMD_HOST = "", ""
    assert not virus_scan.configured()
    virus_scan.check(EICAR)  # no scanner: README says uploads are then not scanned
