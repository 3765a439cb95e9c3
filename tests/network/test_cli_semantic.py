import pytest

from bornglobal import cli
from bornglobal.network import semantic


@pytest.mark.skipif(semantic.available(), reason="checks the message shown without the extra")
def test_index_without_the_extra_says_how_to_install_it_and_exits_non_zero(db, capsys):
    # given an installation without the 'semantic' extra
    # when the operator asks for the semantic index
    code = cli.main(["network", "index"])
    # then the command fails with a message that names the extra
    assert code != 0
    assert "pip install 'bornglobal[semantic]'" in capsys.readouterr().err
