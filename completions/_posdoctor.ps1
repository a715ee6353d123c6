
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'posdoctor' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'posdoctor'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'posdoctor' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Run every check for the active profile (parameters, network, the acquirer host) and say what is most likely wrong')
            [CompletionResult]::new('net', 'net', [CompletionResultType]::ParameterValue, 'Network diagnostics: DNS through every resolver given, TCP reachability of every address, handshake latency')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate merchant and terminal parameters, keys and cards: the active profile, one value, or a CSV batch')
            [CompletionResult]::new('txn', 'txn', [CompletionResultType]::ParameterValue, 'Did the money go through? Transaction status from the acquirer''s gateway and the local journal, journal import, reconciliation')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'Explain a response code (ISO 8583 field 39 and UnionPay codes), or find it by the text the terminal printed')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'Guided fix for a failure category, step by step: on a terminal with menus (back, start over, quit), from a description of what happened (--symptom), scripted with --answer, or printed as a checklist')
            [CompletionResult]::new('incident', 'incident', [CompletionResultType]::ParameterValue, 'The incident log: every guided fix is recorded; record one by hand, list, show, count by category, cause, terminal and week, export')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'Create, show and list profiles (merchant, terminal and acquirer settings)')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'Run the built-in simulated acquirer (an ISO 8583 host on loopback) with faults injected, until Ctrl-C')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'Explain the bytes: an ISO 8583 message (hex, base64 or a log line), or EMV chip data (field 55)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Probe a fleet''s hosts on a schedule, report each state change once, and serve Prometheus metrics, until Ctrl-C or SIGTERM')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help')
            break
        }
        'posdoctor;doctor' {
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'With --demo: inject this fault into the simulator (training mode)')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Resolve through this nameserver (repeatable; `system` for the system resolver)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Handshakes per address for the latency figures')
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Also write a support archive (.zip) for the acquirer: the report in JSON and text, the profile with keys as their KCV, the terminal''s recent incidents, versions, locale, time zone, proxy variable names and the checks'' timeline; nothing secret')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Start the simulated acquirer in this process and use its profile (no configuration, no network)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;net' {
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'Read targets from a file: one a line, or CSV with the target first')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Resolve through this nameserver (repeatable; `system` for the system resolver); answers are compared')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Handshakes per address for the latency figures')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Seconds between handshakes')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)')
            [CompletionResult]::new('--interface', '--interface', [CompletionResultType]::ParameterName, 'Probe through this network interface only (for example wlan0 or the 4G backup link)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--iso8583', '--iso8583', [CompletionResultType]::ParameterName, 'Also sign in to the profile''s acquirer host over ISO 8583 (0800 → 0810), as the terminal does')
            [CompletionResult]::new('--discover', '--discover', [CompletionResultType]::ParameterName, 'With --iso8583: find the framing the host answers by trying every length header (2-byte binary, 2-byte BCD, 4 ASCII digits, none), with and without TPDU and application header')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Check every row of a CSV of terminal records (- for stdin); columns are listed in README')
            [CompletionResult]::new('--acquirer', '--acquirer', [CompletionResultType]::ParameterName, 'With --batch: ID rules for rows without an acquirer column (default unionpay)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'With --batch: text encoding of the file (default auto: UTF-8, UTF-16 or GBK/GB18030, detected)')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'With --batch and a workbook (.xlsx, .xls): the sheet to read, by name or number from 1')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('merchant-id', 'merchant-id', [CompletionResultType]::ParameterValue, 'Check a merchant ID (商户号, field 42)')
            [CompletionResult]::new('terminal-id', 'terminal-id', [CompletionResultType]::ParameterValue, 'Check a terminal ID (终端号, field 41)')
            [CompletionResult]::new('mcc', 'mcc', [CompletionResultType]::ParameterValue, 'Check a merchant category code and show its name and UnionPay group')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'Check an ISO 4217 currency code, numeric (156) or alphabetic (CNY)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Check a key (hex from stdin, a file or a variable): length, parity, weak and test keys, KCV')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'Check a card number (from stdin or an argument), expiry and service code; shown only as first 6 + last 4 digits')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help')
            break
        }
        'posdoctor;check;merchant-id' {
            [CompletionResult]::new('--acquirer', '--acquirer', [CompletionResultType]::ParameterName, 'ID rules: unionpay (default) or generic ISO 8583')
            [CompletionResult]::new('--mcc', '--mcc', [CompletionResultType]::ParameterName, 'The merchant''s MCC, compared with the one inside the ID')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The merchant''s region code, compared with the one inside the ID')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;terminal-id' {
            [CompletionResult]::new('--acquirer', '--acquirer', [CompletionResultType]::ParameterName, 'ID rules: unionpay (default) or generic ISO 8583')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;mcc' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;currency' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;key' {
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read the key from this file instead of stdin')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Read the key from this environment variable')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The KCV the key should have (from the key letter)')
            [CompletionResult]::new('--algorithm', '--algorithm', [CompletionResultType]::ParameterName, 'tdes (default), aes or sm4: how a 16- or 24-byte key is read; SM4 keys are 16 bytes, KCV the first 3 bytes of the zero block encrypted')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--kcv', '--kcv', [CompletionResultType]::ParameterName, 'Print only the key check value')
            [CompletionResult]::new('--combine', '--combine', [CompletionResultType]::ParameterName, 'Read two or three key components from stdin (one a line) and check the key they combine into (XOR): each component''s KCV, the combined KCV and parity; with --kcv only the combined KCV')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;card' {
            [CompletionResult]::new('--expiry', '--expiry', [CompletionResultType]::ParameterName, 'Expiry as on the card: MM/YY (or YYYY-MM)')
            [CompletionResult]::new('--track2', '--track2', [CompletionResultType]::ParameterName, 'Track 2 data (PAN=YYMMSSS…) instead of number and expiry; give - to read it from stdin')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;check;help' {
            [CompletionResult]::new('merchant-id', 'merchant-id', [CompletionResultType]::ParameterValue, 'merchant-id')
            [CompletionResult]::new('terminal-id', 'terminal-id', [CompletionResultType]::ParameterValue, 'terminal-id')
            [CompletionResult]::new('mcc', 'mcc', [CompletionResultType]::ParameterValue, 'mcc')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'currency')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'key')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'card')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'posdoctor;check;help;merchant-id' {
            break
        }
        'posdoctor;check;help;terminal-id' {
            break
        }
        'posdoctor;check;help;mcc' {
            break
        }
        'posdoctor;check;help;currency' {
            break
        }
        'posdoctor;check;help;key' {
            break
        }
        'posdoctor;check;help;card' {
            break
        }
        'posdoctor;check;help;help' {
            break
        }
        'posdoctor;txn' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Look a transaction up and say what to do next: by RRN, by trace number + terminal (+ date), by order ID, or by amount and time window')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a terminal transaction export or an acquirer settlement file (CSV) into the local journal; re-importing adds nothing')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Reconcile what was sold against what was settled: sold but not credited (收款到账失败), credited but not sold, amount and fee mismatches, duplicates')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help')
            break
        }
        'posdoctor;txn;status' {
            [CompletionResult]::new('--rrn', '--rrn', [CompletionResultType]::ParameterName, 'Retrieval reference number (参考号) printed on the receipt')
            [CompletionResult]::new('--trace', '--trace', [CompletionResultType]::ParameterName, 'Trace / voucher number (凭证号) printed on the receipt; needs --terminal')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Terminal ID (终端号)')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Transaction date, YYYY-MM-DD')
            [CompletionResult]::new('--order', '--order', [CompletionResultType]::ParameterName, 'The merchant''s order ID')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount in yuan (with --from/--to: find sales of this amount in that window; with --demo: the amount of the demo sale)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Start of the time window: YYYY-MM-DD HH:MM[:SS]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'End of the time window: YYYY-MM-DD HH:MM[:SS]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where to look: auto (the gateway if the profile has one, and the journal), gateway, journal or both')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'With --demo: inject this fault (gateway-status=401, gateway-flaky=2, gateway-slow=3s, gateway-garbage, gateway-oversize…)')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Resolve the gateway''s name through this nameserver (repeatable; `system` for the system resolver)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after a 5xx answer or a timeout, with doubling backoff (never after 4xx)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Start the simulated acquirer in this process, make a test sale and look it up (no configuration, no network)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;txn;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'terminal (what was sold) or settlement (what the acquirer settled); guessed from the header when not given')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'Name the column of a field whose header is not recognised: FIELD=COLUMN (repeatable or comma-separated)')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding of the file: auto (the default: UTF-8 with or without BOM, UTF-16 with BOM or by its NUL bytes, otherwise GBK/GB18030), utf-8, gbk, gb18030, utf-16le, utf-16be')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'For an .xlsx or .xls workbook: the sheet to read, by name or number from 1 (default: the first)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;txn;reconcile' {
            [CompletionResult]::new('--sales', '--sales', [CompletionResultType]::ParameterName, 'What was sold: the terminal''s transaction export (CSV)')
            [CompletionResult]::new('--settlement', '--settlement', [CompletionResultType]::ParameterName, 'What was settled: the acquirer''s settlement file (CSV)')
            [CompletionResult]::new('--sales-map', '--sales-map', [CompletionResultType]::ParameterName, 'Column names for the sales file: FIELD=COLUMN')
            [CompletionResult]::new('--settlement-map', '--settlement-map', [CompletionResultType]::ParameterName, 'Column names for the settlement file: FIELD=COLUMN')
            [CompletionResult]::new('--fee-rate', '--fee-rate', [CompletionResultType]::ParameterName, 'Contracted fee rate in percent (0.6 for 0.6 %): fees off by more than one fen are reported')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'table (for people) or csv (every problem, one per row, for a spreadsheet)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Rows shown per problem in the table')
            [CompletionResult]::new('--encoding', '--encoding', [CompletionResultType]::ParameterName, 'Text encoding of both files: auto (the default, detected per file), utf-8, gbk, gb18030, utf-16le, utf-16be')
            [CompletionResult]::new('--sheet', '--sheet', [CompletionResultType]::ParameterName, 'For workbooks (.xlsx, .xls): the sheet to read in both files, by name or number from 1 (default: the first)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;txn;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'How a table (CSV or workbook) is read when detection is not wanted')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'How a table (CSV or workbook) is read when detection is not wanted')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'posdoctor;txn;help;status' {
            break
        }
        'posdoctor;txn;help;import' {
            break
        }
        'posdoctor;txn;help;reconcile' {
            break
        }
        'posdoctor;txn;help;help' {
            break
        }
        'posdoctor;code' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'With --list: only codes of this failure category')
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'With --list: only codes with this cause')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--list', '--list', [CompletionResultType]::ParameterName, 'List all known codes')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;fix' {
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'Start at this cause''s branch')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Start from a response code (51, A0…): its category and cause')
            [CompletionResult]::new('--symptom', '--symptom', [CompletionResultType]::ParameterName, 'What happened, in the merchant''s words (Chinese or English): suggests the category and cause with a confidence, then asks to confirm')
            [CompletionResult]::new('--answer', '--answer', [CompletionResultType]::ParameterName, 'Answer a node: NODE=CHOICE (repeatable), for scripts')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'With --demo: inject this fault into the simulator (see posdoctor sim --help)')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Resolve names through this nameserver in the automatic checks (repeatable; `system` for the system resolver)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Terminal ID (终端号) for the ticket and the record (default: the profile''s)')
            [CompletionResult]::new('--merchant', '--merchant', [CompletionResultType]::ParameterName, 'Merchant ID (商户号) for the ticket and the record (default: the profile''s)')
            [CompletionResult]::new('--rrn', '--rrn', [CompletionResultType]::ParameterName, 'RRN (参考号) of the failed payment: looked up by the transaction check, put on the ticket')
            [CompletionResult]::new('--card', '--card', [CompletionResultType]::ParameterName, 'Card number of the failed payment: only its first 6 and last 4 digits are kept')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount of the failed payment, in yuan')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note for the incident record (card numbers in it are masked)')
            [CompletionResult]::new('--caller', '--caller', [CompletionResultType]::ParameterName, 'Who called (name or phone), for the incident record of a support call')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the whole guide as a Markdown checklist to keep at the counter')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run the automatic checks against the simulated acquirer started in this process (no configuration, no network)')
            [CompletionResult]::new('--no-checks', '--no-checks', [CompletionResultType]::ParameterName, 'Do not run automatic checks; ask them like any other step')
            [CompletionResult]::new('--no-record', '--no-record', [CompletionResultType]::ParameterName, 'Do not record this session in the incident log')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Record an incident by hand (one that was handled without posdoctor fix)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List incidents, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one incident with every step taken')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Count incidents by category, cause, terminal and week, with bar charts, so recurring causes stand out')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export incidents as CSV (for a spreadsheet) or JSON')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an incident''s status and add a line to its note (a support desk following a case up)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close an incident as resolved')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help')
            break
        }
        'posdoctor;incident;add' {
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'The cause, when known (one of the category''s)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'How it ended: resolved, escalated, abandoned or open')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Response code the terminal showed')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened: YYYY-MM-DD HH:MM[:SS] (default: now)')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Terminal ID (终端号)')
            [CompletionResult]::new('--merchant', '--merchant', [CompletionResultType]::ParameterName, 'Merchant ID (商户号)')
            [CompletionResult]::new('--rrn', '--rrn', [CompletionResultType]::ParameterName, 'RRN (参考号) of the failed payment')
            [CompletionResult]::new('--card', '--card', [CompletionResultType]::ParameterName, 'Card number: only its first 6 and last 4 digits are kept')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount, in yuan')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A note (card numbers in it are masked)')
            [CompletionResult]::new('--caller', '--caller', [CompletionResultType]::ParameterName, 'Who called (name or phone), for a support call')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--training', '--training', [CompletionResultType]::ParameterName, 'Mark it as training: left out of list, stats and export unless they are given --training')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;list' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'Only this cause')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Only this terminal ID')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this day on (YYYY-MM-DD)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to and including this day (YYYY-MM-DD)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--training', '--training', [CompletionResultType]::ParameterName, 'Include training records (from --demo and --fault walks)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--ticket', '--ticket', [CompletionResultType]::ParameterName, 'Print the ticket for the acquirer again')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;stats' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'Only this cause')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Only this terminal ID')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this day on (YYYY-MM-DD)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to and including this day (YYYY-MM-DD)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Group by category, cause, terminal or week (comma-separated; default all four)')
            [CompletionResult]::new('--top', '--top', [CompletionResultType]::ParameterName, 'Rows per grouping (the latest weeks for week)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--training', '--training', [CompletionResultType]::ParameterName, 'Count training records too (from --demo and --fault walks)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;export' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category')
            [CompletionResult]::new('--cause', '--cause', [CompletionResultType]::ParameterName, 'Only this cause')
            [CompletionResult]::new('--terminal', '--terminal', [CompletionResultType]::ParameterName, 'Only this terminal ID')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this day on (YYYY-MM-DD)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to and including this day (YYYY-MM-DD)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'csv (the default) or json; given, it wins over --json, which without --format means json')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file (written whole or not at all) instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file (written whole or not at all) instead of standard output')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--training', '--training', [CompletionResultType]::ParameterName, 'Export training records too (from --demo and --fault walks)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;update' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'The new status: open, resolved or escalated')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A line added to the note (card numbers in it are masked)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;close' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'A line added to the note (card numbers in it are masked)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;incident;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'update')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'close')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'posdoctor;incident;help;add' {
            break
        }
        'posdoctor;incident;help;list' {
            break
        }
        'posdoctor;incident;help;show' {
            break
        }
        'posdoctor;incident;help;stats' {
            break
        }
        'posdoctor;incident;help;export' {
            break
        }
        'posdoctor;incident;help;update' {
            break
        }
        'posdoctor;incident;help;close' {
            break
        }
        'posdoctor;incident;help;help' {
            break
        }
        'posdoctor;profile' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a profile: asks for each value on a terminal, or takes them all as flags in a script')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a profile, with keys masked')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List profiles')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print help')
            break
        }
        'posdoctor;profile;init' {
            [CompletionResult]::new('--acquirer', '--acquirer', [CompletionResultType]::ParameterName, 'Acquirer rules for IDs: unionpay or generic ISO 8583')
            [CompletionResult]::new('--merchant-name', '--merchant-name', [CompletionResultType]::ParameterName, 'Merchant name, for tickets')
            [CompletionResult]::new('--merchant-id', '--merchant-id', [CompletionResultType]::ParameterName, 'Merchant ID (商户号, field 42)')
            [CompletionResult]::new('--terminal-id', '--terminal-id', [CompletionResultType]::ParameterName, 'Terminal ID (终端号, field 41)')
            [CompletionResult]::new('--mcc', '--mcc', [CompletionResultType]::ParameterName, 'Merchant category code, 4 digits')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency, ISO 4217 numeric or alpha (156 or CNY)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'Region code of the merchant (地区码), 4 digits')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Acquirer host the terminal talks ISO 8583 to')
            [CompletionResult]::new('--tpdu', '--tpdu', [CompletionResultType]::ParameterName, 'TPDU in front of each message, 10 hex digits (default 6000030000)')
            [CompletionResult]::new('--app-header', '--app-header', [CompletionResultType]::ParameterName, 'Application header after the TPDU, 12 hex digits for UnionPay (default 600000000000)')
            [CompletionResult]::new('--gateway-url', '--gateway-url', [CompletionResultType]::ParameterName, 'Base URL of the acquirer''s gateway API (for transaction look-ups)')
            [CompletionResult]::new('--gateway-auth-env', '--gateway-auth-env', [CompletionResultType]::ParameterName, 'Environment variable holding the gateway API token')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Where a key lives: tmk|tpk|tak|tdk=file:PATH or =env:VAR (repeatable)')
            [CompletionResult]::new('--kcv', '--kcv', [CompletionResultType]::ParameterName, 'Expected key check value from the key letter: NAME=HEX (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--default', '--default', [CompletionResultType]::ParameterName, 'Make this the default profile')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile of the same name')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 if a required value is missing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;profile;show' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;profile;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;profile;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'init')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'posdoctor;profile;help;init' {
            break
        }
        'posdoctor;profile;help;show' {
            break
        }
        'posdoctor;profile;help;list' {
            break
        }
        'posdoctor;profile;help;help' {
            break
        }
        'posdoctor;sim' {
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'Inject a fault (repeatable): slow=DURATION, refuse, blackhole, reset, garbage, oversize, wrong-nii, wrong-stan, wrong-terminal, mac-error, not-signed-in, maintenance, insufficient-funds, nxdomain, tls-expired, tls-wrong-host; for the gateway API: gateway-status=CODE, gateway-flaky=N, gateway-slow=DURATION, gateway-garbage, gateway-oversize')
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Address to listen on (port 0: any free port)')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Message layout: unionpay or generic')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;decode' {
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'Message layout: unionpay, generic, or NAME for layouts/NAME.toml beside the config file (default: try the built-in ones)')
            [CompletionResult]::new('--framing', '--framing', [CompletionResultType]::ParameterName, 'Length header in front of the message: auto (find it, with TPDU and application header), binary2, bcd2, ascii4 or none')
            [CompletionResult]::new('--emv', '--emv', [CompletionResultType]::ParameterName, 'Decode EMV chip data (field 55, BER-TLV) instead: tags named, TVR and TSI bit by bit, CVM results, cryptogram type; `-` reads standard input')
            [CompletionResult]::new('--pcap', '--pcap', [CompletionResultType]::ParameterName, 'Decode the ISO 8583 conversation in a packet capture (pcap or pcapng; `-` reads standard input): TCP streams reassembled, every message decoded, requests paired with answers, round-trip times, unanswered requests, late answers, reversals and repeated STANs')
            [CompletionResult]::new('--late', '--late', [CompletionResultType]::ParameterName, 'With --pcap: an answer slower than this many seconds is reported as late (default 10; set it to the terminal''s own timeout)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;watch' {
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'Watch the targets in this file (one a line, or CSV with the target first, as for `net --targets`)')
            [CompletionResult]::new('--fleet', '--fleet', [CompletionResultType]::ParameterName, 'Watch a fleet CSV: the columns of `check --batch` (merchant_id, terminal_id) plus host and/or endpoints')
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'Watch these profiles'' hosts, endpoints and gateways (comma-separated names)')
            [CompletionResult]::new('--every', '--every', [CompletionResultType]::ParameterName, 'Probe every target this often: 500ms, 10s, 5m, 1h')
            [CompletionResult]::new('--metrics', '--metrics', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR:PORT/metrics')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Stop after N cycles (default: run until Ctrl-C or SIGTERM)')
            [CompletionResult]::new('--flap', '--flap', [CompletionResultType]::ParameterName, 'A state change counts after N results in a row that differ from the current state')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Probes in flight at once, over all targets')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'With --demo: inject this fault into the simulator (training mode)')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Resolve through this nameserver (repeatable; `system` for the system resolver)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--iso8583', '--iso8583', [CompletionResultType]::ParameterName, 'Sign in over ISO 8583 (0800 → 0810) to each terminal''s or profile''s host instead of a bare TCP connect')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Start the simulated acquirer in this process and watch its profile (no configuration, no network)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml')
            [CompletionResult]::new('--lang', '--lang', [CompletionResultType]::ParameterName, 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Overall deadline for network probes, in seconds')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on stdout instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only failures and warnings')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for even more)')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat warnings as failures for the exit code')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'posdoctor;help' {
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`')
            [CompletionResult]::new('net', 'net', [CompletionResultType]::ParameterValue, 'net')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'How a table (CSV or workbook) is read when detection is not wanted')
            [CompletionResult]::new('txn', 'txn', [CompletionResultType]::ParameterValue, 'txn')
            [CompletionResult]::new('code', 'code', [CompletionResultType]::ParameterValue, 'code')
            [CompletionResult]::new('fix', 'fix', [CompletionResultType]::ParameterValue, 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]')
            [CompletionResult]::new('incident', 'incident', [CompletionResultType]::ParameterValue, 'incident')
            [CompletionResult]::new('profile', 'profile', [CompletionResultType]::ParameterValue, 'profile')
            [CompletionResult]::new('sim', 'sim', [CompletionResultType]::ParameterValue, 'sim')
            [CompletionResult]::new('decode', 'decode', [CompletionResultType]::ParameterValue, 'decode')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Where `watch` takes its targets from: one source at a time')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'posdoctor;help;doctor' {
            break
        }
        'posdoctor;help;net' {
            break
        }
        'posdoctor;help;check' {
            [CompletionResult]::new('merchant-id', 'merchant-id', [CompletionResultType]::ParameterValue, 'merchant-id')
            [CompletionResult]::new('terminal-id', 'terminal-id', [CompletionResultType]::ParameterValue, 'terminal-id')
            [CompletionResult]::new('mcc', 'mcc', [CompletionResultType]::ParameterValue, 'mcc')
            [CompletionResult]::new('currency', 'currency', [CompletionResultType]::ParameterValue, 'currency')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'key')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'card')
            break
        }
        'posdoctor;help;check;merchant-id' {
            break
        }
        'posdoctor;help;check;terminal-id' {
            break
        }
        'posdoctor;help;check;mcc' {
            break
        }
        'posdoctor;help;check;currency' {
            break
        }
        'posdoctor;help;check;key' {
            break
        }
        'posdoctor;help;check;card' {
            break
        }
        'posdoctor;help;txn' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'How a table (CSV or workbook) is read when detection is not wanted')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'How a table (CSV or workbook) is read when detection is not wanted')
            break
        }
        'posdoctor;help;txn;status' {
            break
        }
        'posdoctor;help;txn;import' {
            break
        }
        'posdoctor;help;txn;reconcile' {
            break
        }
        'posdoctor;help;code' {
            break
        }
        'posdoctor;help;fix' {
            break
        }
        'posdoctor;help;incident' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Which incidents a command covers')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'update')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'close')
            break
        }
        'posdoctor;help;incident;add' {
            break
        }
        'posdoctor;help;incident;list' {
            break
        }
        'posdoctor;help;incident;show' {
            break
        }
        'posdoctor;help;incident;stats' {
            break
        }
        'posdoctor;help;incident;export' {
            break
        }
        'posdoctor;help;incident;update' {
            break
        }
        'posdoctor;help;incident;close' {
            break
        }
        'posdoctor;help;profile' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'init')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'show')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'list')
            break
        }
        'posdoctor;help;profile;init' {
            break
        }
        'posdoctor;help;profile;show' {
            break
        }
        'posdoctor;help;profile;list' {
            break
        }
        'posdoctor;help;sim' {
            break
        }
        'posdoctor;help;decode' {
            break
        }
        'posdoctor;help;watch' {
            break
        }
        'posdoctor;help;completions' {
            break
        }
        'posdoctor;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
