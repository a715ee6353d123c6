# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_posdoctor_global_optspecs
    string join \n profile= config= lang= json color= q/quiet v/verbose strict timeout= db= h/help V/version
end

function __fish_posdoctor_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_posdoctor_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_posdoctor_using_subcommand
    set -l cmd (__fish_posdoctor_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c posdoctor -n "__fish_posdoctor_needs_command" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "doctor" -d 'Run every check for the active profile (parameters, network, the acquirer host) and say what is most likely wrong'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "net" -d 'Network diagnostics: DNS through every resolver given, TCP reachability of every address, handshake latency'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "check" -d 'Validate merchant and terminal parameters, keys and cards: the active profile, one value, or a CSV batch'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "txn" -d 'Did the money go through? Transaction status from the acquirer\'s gateway and the local journal, journal import, reconciliation'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "code" -d 'Explain a response code (ISO 8583 field 39 and UnionPay codes), or find it by the text the terminal printed'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "fix" -d 'Guided fix for a failure category, step by step: on a terminal with menus (back, start over, quit), from a description of what happened (--symptom), scripted with --answer, or printed as a checklist'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "incident" -d 'The incident log: every guided fix is recorded; record one by hand, list, show, count by category, cause, terminal and week, export'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "profile" -d 'Create, show and list profiles (merchant, terminal and acquirer settings)'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "sim" -d 'Run the built-in simulated acquirer (an ISO 8583 host on loopback) with faults injected, until Ctrl-C'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "decode" -d 'Explain the bytes: an ISO 8583 message (hex, base64 or a log line), or EMV chip data (field 55)'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "watch" -d 'Probe a fleet\'s hosts on a schedule, report each state change once, and serve Prometheus metrics, until Ctrl-C or SIGTERM'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c posdoctor -n "__fish_posdoctor_needs_command" -f -a "help" -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l fault -d 'With --demo: inject this fault into the simulator (training mode)' -r -f -a "slow=\t''
refuse\t''
blackhole\t''
reset\t''
garbage\t''
oversize\t''
wrong-nii\t''
wrong-stan\t''
wrong-terminal\t''
mac-error\t''
not-signed-in\t''
maintenance\t''
insufficient-funds\t''
nxdomain\t''
tls-expired\t''
tls-wrong-host\t''
gateway-status=\t''
gateway-flaky=\t''
gateway-slow=\t''
gateway-garbage\t''
gateway-oversize\t''
length=\t''
no-tpdu\t''
no-header\t''
drop-close\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l dns -d 'Resolve through this nameserver (repeatable; `system` for the system resolver)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l ca-file -d 'Also trust the CA certificates in this PEM file (an acquirer\'s private CA)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l count -d 'Handshakes per address for the latency figures' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l bundle -d 'Also write a support archive (.zip) for the acquirer: the report in JSON and text, the profile with keys as their KCV, the terminal\'s recent incidents, versions, locale, time zone, proxy variable names and the checks\' timeline; nothing secret' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l demo -d 'Start the simulated acquirer in this process and use its profile (no configuration, no network)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l targets -d 'Read targets from a file: one a line, or CSV with the target first' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l dns -d 'Resolve through this nameserver (repeatable; `system` for the system resolver); answers are compared' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l count -d 'Handshakes per address for the latency figures' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l interval -d 'Seconds between handshakes' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l ca-file -d 'Also trust the CA certificates in this PEM file (an acquirer\'s private CA)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l interface -d 'Probe through this network interface only (for example wlan0 or the 4G backup link)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l iso8583 -d 'Also sign in to the profile\'s acquirer host over ISO 8583 (0800 → 0810), as the terminal does'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l discover -d 'With --iso8583: find the framing the host answers by trying every length header (2-byte binary, 2-byte BCD, 4 ASCII digits, none), with and without TPDU and application header'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand net" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l batch -d 'Check every row of a CSV of terminal records (- for stdin); columns are listed in README' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l acquirer -d 'With --batch: ID rules for rows without an acquirer column (default unionpay)' -r -f -a "unionpay\t''
generic\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l encoding -d 'With --batch: text encoding of the file (default auto: UTF-8, UTF-16 or GBK/GB18030, detected)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l sheet -d 'With --batch and a workbook (.xlsx, .xls): the sheet to read, by name or number from 1' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "merchant-id" -d 'Check a merchant ID (商户号, field 42)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "terminal-id" -d 'Check a terminal ID (终端号, field 41)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "mcc" -d 'Check a merchant category code and show its name and UnionPay group'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "currency" -d 'Check an ISO 4217 currency code, numeric (156) or alphabetic (CNY)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "key" -d 'Check a key (hex from stdin, a file or a variable): length, parity, weak and test keys, KCV'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "card" -d 'Check a card number (from stdin or an argument), expiry and service code; shown only as first 6 + last 4 digits'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and not __fish_seen_subcommand_from merchant-id terminal-id mcc currency key card help" -f -a "help" -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l acquirer -d 'ID rules: unionpay (default) or generic ISO 8583' -r -f -a "unionpay\t''
generic\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l mcc -d 'The merchant\'s MCC, compared with the one inside the ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l region -d 'The merchant\'s region code, compared with the one inside the ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from merchant-id" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l acquirer -d 'ID rules: unionpay (default) or generic ISO 8583' -r -f -a "unionpay\t''
generic\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from terminal-id" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from mcc" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from currency" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l file -d 'Read the key from this file instead of stdin' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l env -d 'Read the key from this environment variable' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l expect -d 'The KCV the key should have (from the key letter)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l algorithm -d 'tdes (default), aes or sm4: how a 16- or 24-byte key is read; SM4 keys are 16 bytes, KCV the first 3 bytes of the zero block encrypted' -r -f -a "tdes\t''
aes\t''
sm4\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l kcv -d 'Print only the key check value'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l combine -d 'Read two or three key components from stdin (one a line) and check the key they combine into (XOR): each component\'s KCV, the combined KCV and parity; with --kcv only the combined KCV'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from key" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l expiry -d 'Expiry as on the card: MM/YY (or YYYY-MM)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l track2 -d 'Track 2 data (PAN=YYMMSSS…) instead of number and expiry; give - to read it from stdin' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from card" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "merchant-id"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "terminal-id"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "mcc"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "currency"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "key"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "card"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand check; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -f -a "status" -d 'Look a transaction up and say what to do next: by RRN, by trace number + terminal (+ date), by order ID, or by amount and time window'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -f -a "import" -d 'Import a terminal transaction export or an acquirer settlement file (CSV) into the local journal; re-importing adds nothing'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -f -a "reconcile" -d 'Reconcile what was sold against what was settled: sold but not credited (收款到账失败), credited but not sold, amount and fee mismatches, duplicates'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and not __fish_seen_subcommand_from status import reconcile help" -f -a "help" -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l rrn -d 'Retrieval reference number (参考号) printed on the receipt' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l trace -d 'Trace / voucher number (凭证号) printed on the receipt; needs --terminal' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l terminal -d 'Terminal ID (终端号)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l date -d 'Transaction date, YYYY-MM-DD' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l order -d 'The merchant\'s order ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l amount -d 'Amount in yuan (with --from/--to: find sales of this amount in that window; with --demo: the amount of the demo sale)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l from -d 'Start of the time window: YYYY-MM-DD HH:MM[:SS]' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l to -d 'End of the time window: YYYY-MM-DD HH:MM[:SS]' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l source -d 'Where to look: auto (the gateway if the profile has one, and the journal), gateway, journal or both' -r -f -a "auto\t'The gateway when the profile has one, and the journal'
gateway\t''
journal\t''
both\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l fault -d 'With --demo: inject this fault (gateway-status=401, gateway-flaky=2, gateway-slow=3s, gateway-garbage, gateway-oversize…)' -r -f -a "slow=\t''
refuse\t''
blackhole\t''
reset\t''
garbage\t''
oversize\t''
wrong-nii\t''
wrong-stan\t''
wrong-terminal\t''
mac-error\t''
not-signed-in\t''
maintenance\t''
insufficient-funds\t''
nxdomain\t''
tls-expired\t''
tls-wrong-host\t''
gateway-status=\t''
gateway-flaky=\t''
gateway-slow=\t''
gateway-garbage\t''
gateway-oversize\t''
length=\t''
no-tpdu\t''
no-header\t''
drop-close\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l dns -d 'Resolve the gateway\'s name through this nameserver (repeatable; `system` for the system resolver)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l ca-file -d 'Also trust the CA certificates in this PEM file (an acquirer\'s private CA)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l retries -d 'Retries after a 5xx answer or a timeout, with doubling backoff (never after 4xx)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l demo -d 'Start the simulated acquirer in this process, make a test sale and look it up (no configuration, no network)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l format -d 'terminal (what was sold) or settlement (what the acquirer settled); guessed from the header when not given' -r -f -a "terminal\t'A terminal\'s (or the merchant\'s POS system\'s) transaction export'
settlement\t'An acquirer\'s settlement (清算) file'"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l map -d 'Name the column of a field whose header is not recognised: FIELD=COLUMN (repeatable or comma-separated)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l encoding -d 'Text encoding of the file: auto (the default: UTF-8 with or without BOM, UTF-16 with BOM or by its NUL bytes, otherwise GBK/GB18030), utf-8, gbk, gb18030, utf-16le, utf-16be' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l sheet -d 'For an .xlsx or .xls workbook: the sheet to read, by name or number from 1 (default: the first)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l sales -d 'What was sold: the terminal\'s transaction export (CSV)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l settlement -d 'What was settled: the acquirer\'s settlement file (CSV)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l sales-map -d 'Column names for the sales file: FIELD=COLUMN' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l settlement-map -d 'Column names for the settlement file: FIELD=COLUMN' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l fee-rate -d 'Contracted fee rate in percent (0.6 for 0.6 %): fees off by more than one fen are reported' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l output -d 'table (for people) or csv (every problem, one per row, for a spreadsheet)' -r -f -a "table\t''
csv\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l limit -d 'Rows shown per problem in the table' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l encoding -d 'Text encoding of both files: auto (the default, detected per file), utf-8, gbk, gb18030, utf-16le, utf-16be' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l sheet -d 'For workbooks (.xlsx, .xls): the sheet to read in both files, by name or number from 1 (default: the first)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from reconcile" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from help" -f -a "status" -d 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from help" -f -a "import" -d 'How a table (CSV or workbook) is read when detection is not wanted'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from help" -f -a "reconcile" -d 'How a table (CSV or workbook) is read when detection is not wanted'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand txn; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l category -d 'With --list: only codes of this failure category' -r -f -a "declined\t''
no-response\t''
void-failed\t''
terminated\t''
not-credited\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l cause -d 'With --list: only codes with this cause' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l list -d 'List all known codes'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand code" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l cause -d 'Start at this cause\'s branch' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l code -d 'Start from a response code (51, A0…): its category and cause' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l symptom -d 'What happened, in the merchant\'s words (Chinese or English): suggests the category and cause with a confidence, then asks to confirm' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l answer -d 'Answer a node: NODE=CHOICE (repeatable), for scripts' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l fault -d 'With --demo: inject this fault into the simulator (see posdoctor sim --help)' -r -f -a "slow=\t''
refuse\t''
blackhole\t''
reset\t''
garbage\t''
oversize\t''
wrong-nii\t''
wrong-stan\t''
wrong-terminal\t''
mac-error\t''
not-signed-in\t''
maintenance\t''
insufficient-funds\t''
nxdomain\t''
tls-expired\t''
tls-wrong-host\t''
gateway-status=\t''
gateway-flaky=\t''
gateway-slow=\t''
gateway-garbage\t''
gateway-oversize\t''
length=\t''
no-tpdu\t''
no-header\t''
drop-close\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l dns -d 'Resolve names through this nameserver in the automatic checks (repeatable; `system` for the system resolver)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l ca-file -d 'Also trust the CA certificates in this PEM file (an acquirer\'s private CA)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l terminal -d 'Terminal ID (终端号) for the ticket and the record (default: the profile\'s)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l merchant -d 'Merchant ID (商户号) for the ticket and the record (default: the profile\'s)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l rrn -d 'RRN (参考号) of the failed payment: looked up by the transaction check, put on the ticket' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l card -d 'Card number of the failed payment: only its first 6 and last 4 digits are kept' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l amount -d 'Amount of the failed payment, in yuan' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l note -d 'A note for the incident record (card numbers in it are masked)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l caller -d 'Who called (name or phone), for the incident record of a support call' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l print -d 'Print the whole guide as a Markdown checklist to keep at the counter'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l demo -d 'Run the automatic checks against the simulated acquirer started in this process (no configuration, no network)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l no-checks -d 'Do not run automatic checks; ask them like any other step'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l no-record -d 'Do not record this session in the incident log'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand fix" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "add" -d 'Record an incident by hand (one that was handled without posdoctor fix)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "list" -d 'List incidents, newest first'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "show" -d 'Show one incident with every step taken'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "stats" -d 'Count incidents by category, cause, terminal and week, with bar charts, so recurring causes stand out'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "export" -d 'Export incidents as CSV (for a spreadsheet) or JSON'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "update" -d 'Change an incident\'s status and add a line to its note (a support desk following a case up)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "close" -d 'Close an incident as resolved'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and not __fish_seen_subcommand_from add list show stats export update close help" -f -a "help" -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l cause -d 'The cause, when known (one of the category\'s)' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l outcome -d 'How it ended: resolved, escalated, abandoned or open' -r -f -a "resolved\t'A step fixed it'
escalated\t'Handed to the acquirer with a ticket'
abandoned\t'The operator quit the guide before it ended'
open\t'Recorded by hand, not worked on yet'"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l code -d 'Response code the terminal showed' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l at -d 'When it happened: YYYY-MM-DD HH:MM[:SS] (default: now)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l terminal -d 'Terminal ID (终端号)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l merchant -d 'Merchant ID (商户号)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l rrn -d 'RRN (参考号) of the failed payment' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l card -d 'Card number: only its first 6 and last 4 digits are kept' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l amount -d 'Amount, in yuan' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l note -d 'A note (card numbers in it are masked)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l caller -d 'Who called (name or phone), for a support call' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l training -d 'Mark it as training: left out of list, stats and export unless they are given --training'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l category -d 'Only this category' -r -f -a "declined\t''
no-response\t''
void-failed\t''
terminated\t''
not-credited\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l cause -d 'Only this cause' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l terminal -d 'Only this terminal ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l outcome -d 'Only this outcome' -r -f -a "resolved\t'A step fixed it'
escalated\t'Handed to the acquirer with a ticket'
abandoned\t'The operator quit the guide before it ended'
open\t'Recorded by hand, not worked on yet'"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l since -d 'From this day on (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l until -d 'Up to and including this day (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l limit -d 'Show at most this many' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l training -d 'Include training records (from --demo and --fault walks)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l ticket -d 'Print the ticket for the acquirer again'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l category -d 'Only this category' -r -f -a "declined\t''
no-response\t''
void-failed\t''
terminated\t''
not-credited\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l cause -d 'Only this cause' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l terminal -d 'Only this terminal ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l outcome -d 'Only this outcome' -r -f -a "resolved\t'A step fixed it'
escalated\t'Handed to the acquirer with a ticket'
abandoned\t'The operator quit the guide before it ended'
open\t'Recorded by hand, not worked on yet'"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l since -d 'From this day on (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l until -d 'Up to and including this day (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l by -d 'Group by category, cause, terminal or week (comma-separated; default all four)' -r -f -a "category\t''
cause\t''
terminal\t''
week\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l top -d 'Rows per grouping (the latest weeks for week)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l training -d 'Count training records too (from --demo and --fault walks)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from stats" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l category -d 'Only this category' -r -f -a "declined\t''
no-response\t''
void-failed\t''
terminated\t''
not-credited\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l cause -d 'Only this cause' -r -f -a "network\t''
funds\t''
card\t''
merchant-params\t''
merchant-account\t''
host\t''
hardware\t''
software\t''
operator\t''
limits\t''
risk\t''
settlement\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l terminal -d 'Only this terminal ID' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l outcome -d 'Only this outcome' -r -f -a "resolved\t'A step fixed it'
escalated\t'Handed to the acquirer with a ticket'
abandoned\t'The operator quit the guide before it ended'
open\t'Recorded by hand, not worked on yet'"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l since -d 'From this day on (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l until -d 'Up to and including this day (YYYY-MM-DD)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l format -d 'csv (the default) or json; given, it wins over --json, which without --format means json' -r -f -a "csv\t''
json\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file (written whole or not at all) instead of standard output' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l training -d 'Export training records too (from --demo and --fault walks)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l status -d 'The new status: open, resolved or escalated' -r -f -a "open\t''
resolved\t''
escalated\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l note -d 'A line added to the note (card numbers in it are masked)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l note -d 'A line added to the note (card numbers in it are masked)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from close" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "add" -d 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "list" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "show"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "export" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "update"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "close"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand incident; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -f -a "init" -d 'Create a profile: asks for each value on a terminal, or takes them all as flags in a script'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -f -a "show" -d 'Show a profile, with keys masked'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -f -a "list" -d 'List profiles'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and not __fish_seen_subcommand_from init show list help" -f -a "help" -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l acquirer -d 'Acquirer rules for IDs: unionpay or generic ISO 8583' -r -f -a "unionpay\t''
generic\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l merchant-name -d 'Merchant name, for tickets' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l merchant-id -d 'Merchant ID (商户号, field 42)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l terminal-id -d 'Terminal ID (终端号, field 41)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l mcc -d 'Merchant category code, 4 digits' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l currency -d 'Currency, ISO 4217 numeric or alpha (156 or CNY)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l region -d 'Region code of the merchant (地区码), 4 digits' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l host -d 'Acquirer host the terminal talks ISO 8583 to' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l tpdu -d 'TPDU in front of each message, 10 hex digits (default 6000030000)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l app-header -d 'Application header after the TPDU, 12 hex digits for UnionPay (default 600000000000)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l gateway-url -d 'Base URL of the acquirer\'s gateway API (for transaction look-ups)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l gateway-auth-env -d 'Environment variable holding the gateway API token' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l key -d 'Where a key lives: tmk|tpk|tak|tdk=file:PATH or =env:VAR (repeatable)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l kcv -d 'Expected key check value from the key letter: NAME=HEX (repeatable)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l default -d 'Make this the default profile'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l force -d 'Replace a profile of the same name'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l no-input -d 'Never prompt; fail with exit 2 if a required value is missing'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "init"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "show"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "list"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand profile; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l fault -d 'Inject a fault (repeatable): slow=DURATION, refuse, blackhole, reset, garbage, oversize, wrong-nii, wrong-stan, wrong-terminal, mac-error, not-signed-in, maintenance, insufficient-funds, nxdomain, tls-expired, tls-wrong-host; for the gateway API: gateway-status=CODE, gateway-flaky=N, gateway-slow=DURATION, gateway-garbage, gateway-oversize' -r -f -a "slow=\t''
refuse\t''
blackhole\t''
reset\t''
garbage\t''
oversize\t''
wrong-nii\t''
wrong-stan\t''
wrong-terminal\t''
mac-error\t''
not-signed-in\t''
maintenance\t''
insufficient-funds\t''
nxdomain\t''
tls-expired\t''
tls-wrong-host\t''
gateway-status=\t''
gateway-flaky=\t''
gateway-slow=\t''
gateway-garbage\t''
gateway-oversize\t''
length=\t''
no-tpdu\t''
no-header\t''
drop-close\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l listen -d 'Address to listen on (port 0: any free port)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l layout -d 'Message layout: unionpay or generic' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand sim" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l layout -d 'Message layout: unionpay, generic, or NAME for layouts/NAME.toml beside the config file (default: try the built-in ones)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l framing -d 'Length header in front of the message: auto (find it, with TPDU and application header), binary2, bcd2, ascii4 or none' -r -f -a "auto\t''
binary2\t''
bcd2\t''
ascii4\t''
none\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l emv -d 'Decode EMV chip data (field 55, BER-TLV) instead: tags named, TVR and TSI bit by bit, CVM results, cryptogram type; `-` reads standard input' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l pcap -d 'Decode the ISO 8583 conversation in a packet capture (pcap or pcapng; `-` reads standard input): TCP streams reassembled, every message decoded, requests paired with answers, round-trip times, unanswered requests, late answers, reversals and repeated STANs' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l late -d 'With --pcap: an answer slower than this many seconds is reported as late (default 10; set it to the terminal\'s own timeout)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand decode" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l targets -d 'Watch the targets in this file (one a line, or CSV with the target first, as for `net --targets`)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l fleet -d 'Watch a fleet CSV: the columns of `check --batch` (merchant_id, terminal_id) plus host and/or endpoints' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l profiles -d 'Watch these profiles\' hosts, endpoints and gateways (comma-separated names)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l every -d 'Probe every target this often: 500ms, 10s, 5m, 1h' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l metrics -d 'Serve Prometheus metrics at http://ADDR:PORT/metrics' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l count -d 'Stop after N cycles (default: run until Ctrl-C or SIGTERM)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l flap -d 'A state change counts after N results in a row that differ from the current state' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l concurrency -d 'Probes in flight at once, over all targets' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l fault -d 'With --demo: inject this fault into the simulator (training mode)' -r -f -a "slow=\t''
refuse\t''
blackhole\t''
reset\t''
garbage\t''
oversize\t''
wrong-nii\t''
wrong-stan\t''
wrong-terminal\t''
mac-error\t''
not-signed-in\t''
maintenance\t''
insufficient-funds\t''
nxdomain\t''
tls-expired\t''
tls-wrong-host\t''
gateway-status=\t''
gateway-flaky=\t''
gateway-slow=\t''
gateway-garbage\t''
gateway-oversize\t''
length=\t''
no-tpdu\t''
no-header\t''
drop-close\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l dns -d 'Resolve through this nameserver (repeatable; `system` for the system resolver)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l ca-file -d 'Also trust the CA certificates in this PEM file (an acquirer\'s private CA)' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l iso8583 -d 'Sign in over ISO 8583 (0800 → 0810) to each terminal\'s or profile\'s host instead of a bare TCP connect'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l demo -d 'Start the simulated acquirer in this process and watch its profile (no configuration, no network)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand watch" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l profile -d 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l config -d 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml' -r -F
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l lang -d 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)' -r -f -a "zh\t''
en\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l color -d 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l timeout -d 'Overall deadline for network probes, in seconds' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l db -d 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)' -r
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l json -d 'Print one JSON document on stdout instead of text'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -s q -l quiet -d 'Print only failures and warnings'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -s v -l verbose -d 'Print more detail (repeat for even more)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -l strict -d 'Treat warnings as failures for the exit code'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -s h -l help -d 'Print help'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand completions" -s V -l version -d 'Print version'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "doctor" -d 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "net"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "check" -d 'How a table (CSV or workbook) is read when detection is not wanted'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "txn"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "code"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "fix" -d 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "incident"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "profile"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "sim"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "decode"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "watch" -d 'Where `watch` takes its targets from: one source at a time'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "completions"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and not __fish_seen_subcommand_from doctor net check txn code fix incident profile sim decode watch completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "merchant-id"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "terminal-id"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "mcc"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "currency"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "key"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from check" -f -a "card"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from txn" -f -a "status" -d 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from txn" -f -a "import" -d 'How a table (CSV or workbook) is read when detection is not wanted'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from txn" -f -a "reconcile" -d 'How a table (CSV or workbook) is read when detection is not wanted'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "add" -d 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "list" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "show"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "stats" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "export" -d 'Which incidents a command covers'
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "update"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from incident" -f -a "close"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "init"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "show"
complete -c posdoctor -n "__fish_posdoctor_using_subcommand help; and __fish_seen_subcommand_from profile" -f -a "list"
