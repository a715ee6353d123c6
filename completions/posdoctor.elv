
use builtin;
use str;

set edit:completion:arg-completer[posdoctor] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'posdoctor'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'posdoctor'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand doctor 'Run every check for the active profile (parameters, network, the acquirer host) and say what is most likely wrong'
            cand net 'Network diagnostics: DNS through every resolver given, TCP reachability of every address, handshake latency'
            cand check 'Validate merchant and terminal parameters, keys and cards: the active profile, one value, or a CSV batch'
            cand txn 'Did the money go through? Transaction status from the acquirer''s gateway and the local journal, journal import, reconciliation'
            cand code 'Explain a response code (ISO 8583 field 39 and UnionPay codes), or find it by the text the terminal printed'
            cand fix 'Guided fix for a failure category, step by step: on a terminal with menus (back, start over, quit), from a description of what happened (--symptom), scripted with --answer, or printed as a checklist'
            cand incident 'The incident log: every guided fix is recorded; record one by hand, list, show, count by category, cause, terminal and week, export'
            cand profile 'Create, show and list profiles (merchant, terminal and acquirer settings)'
            cand sim 'Run the built-in simulated acquirer (an ISO 8583 host on loopback) with faults injected, until Ctrl-C'
            cand decode 'Explain the bytes: an ISO 8583 message (hex, base64 or a log line), or EMV chip data (field 55)'
            cand watch 'Probe a fleet''s hosts on a schedule, report each state change once, and serve Prometheus metrics, until Ctrl-C or SIGTERM'
            cand completions 'Print a shell completion script'
            cand help 'Print help'
        }
        &'posdoctor;doctor'= {
            cand --fault 'With --demo: inject this fault into the simulator (training mode)'
            cand --dns 'Resolve through this nameserver (repeatable; `system` for the system resolver)'
            cand --ca-file 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)'
            cand --count 'Handshakes per address for the latency figures'
            cand --bundle 'Also write a support archive (.zip) for the acquirer: the report in JSON and text, the profile with keys as their KCV, the terminal''s recent incidents, versions, locale, time zone, proxy variable names and the checks'' timeline; nothing secret'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --demo 'Start the simulated acquirer in this process and use its profile (no configuration, no network)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;net'= {
            cand --targets 'Read targets from a file: one a line, or CSV with the target first'
            cand --dns 'Resolve through this nameserver (repeatable; `system` for the system resolver); answers are compared'
            cand --count 'Handshakes per address for the latency figures'
            cand --interval 'Seconds between handshakes'
            cand --ca-file 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)'
            cand --interface 'Probe through this network interface only (for example wlan0 or the 4G backup link)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --iso8583 'Also sign in to the profile''s acquirer host over ISO 8583 (0800 → 0810), as the terminal does'
            cand --discover 'With --iso8583: find the framing the host answers by trying every length header (2-byte binary, 2-byte BCD, 4 ASCII digits, none), with and without TPDU and application header'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check'= {
            cand --batch 'Check every row of a CSV of terminal records (- for stdin); columns are listed in README'
            cand --acquirer 'With --batch: ID rules for rows without an acquirer column (default unionpay)'
            cand --encoding 'With --batch: text encoding of the file (default auto: UTF-8, UTF-16 or GBK/GB18030, detected)'
            cand --sheet 'With --batch and a workbook (.xlsx, .xls): the sheet to read, by name or number from 1'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand merchant-id 'Check a merchant ID (商户号, field 42)'
            cand terminal-id 'Check a terminal ID (终端号, field 41)'
            cand mcc 'Check a merchant category code and show its name and UnionPay group'
            cand currency 'Check an ISO 4217 currency code, numeric (156) or alphabetic (CNY)'
            cand key 'Check a key (hex from stdin, a file or a variable): length, parity, weak and test keys, KCV'
            cand card 'Check a card number (from stdin or an argument), expiry and service code; shown only as first 6 + last 4 digits'
            cand help 'Print help'
        }
        &'posdoctor;check;merchant-id'= {
            cand --acquirer 'ID rules: unionpay (default) or generic ISO 8583'
            cand --mcc 'The merchant''s MCC, compared with the one inside the ID'
            cand --region 'The merchant''s region code, compared with the one inside the ID'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;terminal-id'= {
            cand --acquirer 'ID rules: unionpay (default) or generic ISO 8583'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;mcc'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;currency'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;key'= {
            cand --file 'Read the key from this file instead of stdin'
            cand --env 'Read the key from this environment variable'
            cand --expect 'The KCV the key should have (from the key letter)'
            cand --algorithm 'tdes (default), aes or sm4: how a 16- or 24-byte key is read; SM4 keys are 16 bytes, KCV the first 3 bytes of the zero block encrypted'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --kcv 'Print only the key check value'
            cand --combine 'Read two or three key components from stdin (one a line) and check the key they combine into (XOR): each component''s KCV, the combined KCV and parity; with --kcv only the combined KCV'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;card'= {
            cand --expiry 'Expiry as on the card: MM/YY (or YYYY-MM)'
            cand --track2 'Track 2 data (PAN=YYMMSSS…) instead of number and expiry; give - to read it from stdin'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;check;help'= {
            cand merchant-id 'merchant-id'
            cand terminal-id 'terminal-id'
            cand mcc 'mcc'
            cand currency 'currency'
            cand key 'key'
            cand card 'card'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;check;help;merchant-id'= {
        }
        &'posdoctor;check;help;terminal-id'= {
        }
        &'posdoctor;check;help;mcc'= {
        }
        &'posdoctor;check;help;currency'= {
        }
        &'posdoctor;check;help;key'= {
        }
        &'posdoctor;check;help;card'= {
        }
        &'posdoctor;check;help;help'= {
        }
        &'posdoctor;txn'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Look a transaction up and say what to do next: by RRN, by trace number + terminal (+ date), by order ID, or by amount and time window'
            cand import 'Import a terminal transaction export or an acquirer settlement file (CSV) into the local journal; re-importing adds nothing'
            cand reconcile 'Reconcile what was sold against what was settled: sold but not credited (收款到账失败), credited but not sold, amount and fee mismatches, duplicates'
            cand help 'Print help'
        }
        &'posdoctor;txn;status'= {
            cand --rrn 'Retrieval reference number (参考号) printed on the receipt'
            cand --trace 'Trace / voucher number (凭证号) printed on the receipt; needs --terminal'
            cand --terminal 'Terminal ID (终端号)'
            cand --date 'Transaction date, YYYY-MM-DD'
            cand --order 'The merchant''s order ID'
            cand --amount 'Amount in yuan (with --from/--to: find sales of this amount in that window; with --demo: the amount of the demo sale)'
            cand --from 'Start of the time window: YYYY-MM-DD HH:MM[:SS]'
            cand --to 'End of the time window: YYYY-MM-DD HH:MM[:SS]'
            cand --source 'Where to look: auto (the gateway if the profile has one, and the journal), gateway, journal or both'
            cand --fault 'With --demo: inject this fault (gateway-status=401, gateway-flaky=2, gateway-slow=3s, gateway-garbage, gateway-oversize…)'
            cand --dns 'Resolve the gateway''s name through this nameserver (repeatable; `system` for the system resolver)'
            cand --ca-file 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)'
            cand --retries 'Retries after a 5xx answer or a timeout, with doubling backoff (never after 4xx)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --demo 'Start the simulated acquirer in this process, make a test sale and look it up (no configuration, no network)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;txn;import'= {
            cand --format 'terminal (what was sold) or settlement (what the acquirer settled); guessed from the header when not given'
            cand --map 'Name the column of a field whose header is not recognised: FIELD=COLUMN (repeatable or comma-separated)'
            cand --encoding 'Text encoding of the file: auto (the default: UTF-8 with or without BOM, UTF-16 with BOM or by its NUL bytes, otherwise GBK/GB18030), utf-8, gbk, gb18030, utf-16le, utf-16be'
            cand --sheet 'For an .xlsx or .xls workbook: the sheet to read, by name or number from 1 (default: the first)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;txn;reconcile'= {
            cand --sales 'What was sold: the terminal''s transaction export (CSV)'
            cand --settlement 'What was settled: the acquirer''s settlement file (CSV)'
            cand --sales-map 'Column names for the sales file: FIELD=COLUMN'
            cand --settlement-map 'Column names for the settlement file: FIELD=COLUMN'
            cand --fee-rate 'Contracted fee rate in percent (0.6 for 0.6 %): fees off by more than one fen are reported'
            cand --output 'table (for people) or csv (every problem, one per row, for a spreadsheet)'
            cand --limit 'Rows shown per problem in the table'
            cand --encoding 'Text encoding of both files: auto (the default, detected per file), utf-8, gbk, gb18030, utf-16le, utf-16be'
            cand --sheet 'For workbooks (.xlsx, .xls): the sheet to read in both files, by name or number from 1 (default: the first)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;txn;help'= {
            cand status 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
            cand import 'How a table (CSV or workbook) is read when detection is not wanted'
            cand reconcile 'How a table (CSV or workbook) is read when detection is not wanted'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;txn;help;status'= {
        }
        &'posdoctor;txn;help;import'= {
        }
        &'posdoctor;txn;help;reconcile'= {
        }
        &'posdoctor;txn;help;help'= {
        }
        &'posdoctor;code'= {
            cand --category 'With --list: only codes of this failure category'
            cand --cause 'With --list: only codes with this cause'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --list 'List all known codes'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;fix'= {
            cand --cause 'Start at this cause''s branch'
            cand --code 'Start from a response code (51, A0…): its category and cause'
            cand --symptom 'What happened, in the merchant''s words (Chinese or English): suggests the category and cause with a confidence, then asks to confirm'
            cand --answer 'Answer a node: NODE=CHOICE (repeatable), for scripts'
            cand --fault 'With --demo: inject this fault into the simulator (see posdoctor sim --help)'
            cand --dns 'Resolve names through this nameserver in the automatic checks (repeatable; `system` for the system resolver)'
            cand --ca-file 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)'
            cand --terminal 'Terminal ID (终端号) for the ticket and the record (default: the profile''s)'
            cand --merchant 'Merchant ID (商户号) for the ticket and the record (default: the profile''s)'
            cand --rrn 'RRN (参考号) of the failed payment: looked up by the transaction check, put on the ticket'
            cand --card 'Card number of the failed payment: only its first 6 and last 4 digits are kept'
            cand --amount 'Amount of the failed payment, in yuan'
            cand --note 'A note for the incident record (card numbers in it are masked)'
            cand --caller 'Who called (name or phone), for the incident record of a support call'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --print 'Print the whole guide as a Markdown checklist to keep at the counter'
            cand --demo 'Run the automatic checks against the simulated acquirer started in this process (no configuration, no network)'
            cand --no-checks 'Do not run automatic checks; ask them like any other step'
            cand --no-record 'Do not record this session in the incident log'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Record an incident by hand (one that was handled without posdoctor fix)'
            cand list 'List incidents, newest first'
            cand show 'Show one incident with every step taken'
            cand stats 'Count incidents by category, cause, terminal and week, with bar charts, so recurring causes stand out'
            cand export 'Export incidents as CSV (for a spreadsheet) or JSON'
            cand update 'Change an incident''s status and add a line to its note (a support desk following a case up)'
            cand close 'Close an incident as resolved'
            cand help 'Print help'
        }
        &'posdoctor;incident;add'= {
            cand --cause 'The cause, when known (one of the category''s)'
            cand --outcome 'How it ended: resolved, escalated, abandoned or open'
            cand --code 'Response code the terminal showed'
            cand --at 'When it happened: YYYY-MM-DD HH:MM[:SS] (default: now)'
            cand --terminal 'Terminal ID (终端号)'
            cand --merchant 'Merchant ID (商户号)'
            cand --rrn 'RRN (参考号) of the failed payment'
            cand --card 'Card number: only its first 6 and last 4 digits are kept'
            cand --amount 'Amount, in yuan'
            cand --note 'A note (card numbers in it are masked)'
            cand --caller 'Who called (name or phone), for a support call'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --training 'Mark it as training: left out of list, stats and export unless they are given --training'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;list'= {
            cand --category 'Only this category'
            cand --cause 'Only this cause'
            cand --terminal 'Only this terminal ID'
            cand --outcome 'Only this outcome'
            cand --since 'From this day on (YYYY-MM-DD)'
            cand --until 'Up to and including this day (YYYY-MM-DD)'
            cand --limit 'Show at most this many'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --training 'Include training records (from --demo and --fault walks)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;show'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --ticket 'Print the ticket for the acquirer again'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;stats'= {
            cand --category 'Only this category'
            cand --cause 'Only this cause'
            cand --terminal 'Only this terminal ID'
            cand --outcome 'Only this outcome'
            cand --since 'From this day on (YYYY-MM-DD)'
            cand --until 'Up to and including this day (YYYY-MM-DD)'
            cand --by 'Group by category, cause, terminal or week (comma-separated; default all four)'
            cand --top 'Rows per grouping (the latest weeks for week)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --training 'Count training records too (from --demo and --fault walks)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;export'= {
            cand --category 'Only this category'
            cand --cause 'Only this cause'
            cand --terminal 'Only this terminal ID'
            cand --outcome 'Only this outcome'
            cand --since 'From this day on (YYYY-MM-DD)'
            cand --until 'Up to and including this day (YYYY-MM-DD)'
            cand --format 'csv (the default) or json; given, it wins over --json, which without --format means json'
            cand -o 'Write to this file (written whole or not at all) instead of standard output'
            cand --output 'Write to this file (written whole or not at all) instead of standard output'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --training 'Export training records too (from --demo and --fault walks)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;update'= {
            cand --status 'The new status: open, resolved or escalated'
            cand --note 'A line added to the note (card numbers in it are masked)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;close'= {
            cand --note 'A line added to the note (card numbers in it are masked)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;incident;help'= {
            cand add 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
            cand list 'Which incidents a command covers'
            cand show 'show'
            cand stats 'Which incidents a command covers'
            cand export 'Which incidents a command covers'
            cand update 'update'
            cand close 'close'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;incident;help;add'= {
        }
        &'posdoctor;incident;help;list'= {
        }
        &'posdoctor;incident;help;show'= {
        }
        &'posdoctor;incident;help;stats'= {
        }
        &'posdoctor;incident;help;export'= {
        }
        &'posdoctor;incident;help;update'= {
        }
        &'posdoctor;incident;help;close'= {
        }
        &'posdoctor;incident;help;help'= {
        }
        &'posdoctor;profile'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a profile: asks for each value on a terminal, or takes them all as flags in a script'
            cand show 'Show a profile, with keys masked'
            cand list 'List profiles'
            cand help 'Print help'
        }
        &'posdoctor;profile;init'= {
            cand --acquirer 'Acquirer rules for IDs: unionpay or generic ISO 8583'
            cand --merchant-name 'Merchant name, for tickets'
            cand --merchant-id 'Merchant ID (商户号, field 42)'
            cand --terminal-id 'Terminal ID (终端号, field 41)'
            cand --mcc 'Merchant category code, 4 digits'
            cand --currency 'Currency, ISO 4217 numeric or alpha (156 or CNY)'
            cand --region 'Region code of the merchant (地区码), 4 digits'
            cand --host 'Acquirer host the terminal talks ISO 8583 to'
            cand --tpdu 'TPDU in front of each message, 10 hex digits (default 6000030000)'
            cand --app-header 'Application header after the TPDU, 12 hex digits for UnionPay (default 600000000000)'
            cand --gateway-url 'Base URL of the acquirer''s gateway API (for transaction look-ups)'
            cand --gateway-auth-env 'Environment variable holding the gateway API token'
            cand --key 'Where a key lives: tmk|tpk|tak|tdk=file:PATH or =env:VAR (repeatable)'
            cand --kcv 'Expected key check value from the key letter: NAME=HEX (repeatable)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --default 'Make this the default profile'
            cand --force 'Replace a profile of the same name'
            cand --no-input 'Never prompt; fail with exit 2 if a required value is missing'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;profile;show'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;profile;list'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;profile;help'= {
            cand init 'init'
            cand show 'show'
            cand list 'list'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;profile;help;init'= {
        }
        &'posdoctor;profile;help;show'= {
        }
        &'posdoctor;profile;help;list'= {
        }
        &'posdoctor;profile;help;help'= {
        }
        &'posdoctor;sim'= {
            cand --fault 'Inject a fault (repeatable): slow=DURATION, refuse, blackhole, reset, garbage, oversize, wrong-nii, wrong-stan, wrong-terminal, mac-error, not-signed-in, maintenance, insufficient-funds, nxdomain, tls-expired, tls-wrong-host; for the gateway API: gateway-status=CODE, gateway-flaky=N, gateway-slow=DURATION, gateway-garbage, gateway-oversize'
            cand --listen 'Address to listen on (port 0: any free port)'
            cand --layout 'Message layout: unionpay or generic'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;decode'= {
            cand --layout 'Message layout: unionpay, generic, or NAME for layouts/NAME.toml beside the config file (default: try the built-in ones)'
            cand --framing 'Length header in front of the message: auto (find it, with TPDU and application header), binary2, bcd2, ascii4 or none'
            cand --emv 'Decode EMV chip data (field 55, BER-TLV) instead: tags named, TVR and TSI bit by bit, CVM results, cryptogram type; `-` reads standard input'
            cand --pcap 'Decode the ISO 8583 conversation in a packet capture (pcap or pcapng; `-` reads standard input): TCP streams reassembled, every message decoded, requests paired with answers, round-trip times, unanswered requests, late answers, reversals and repeated STANs'
            cand --late 'With --pcap: an answer slower than this many seconds is reported as late (default 10; set it to the terminal''s own timeout)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;watch'= {
            cand --targets 'Watch the targets in this file (one a line, or CSV with the target first, as for `net --targets`)'
            cand --fleet 'Watch a fleet CSV: the columns of `check --batch` (merchant_id, terminal_id) plus host and/or endpoints'
            cand --profiles 'Watch these profiles'' hosts, endpoints and gateways (comma-separated names)'
            cand --every 'Probe every target this often: 500ms, 10s, 5m, 1h'
            cand --metrics 'Serve Prometheus metrics at http://ADDR:PORT/metrics'
            cand --count 'Stop after N cycles (default: run until Ctrl-C or SIGTERM)'
            cand --flap 'A state change counts after N results in a row that differ from the current state'
            cand --concurrency 'Probes in flight at once, over all targets'
            cand --fault 'With --demo: inject this fault into the simulator (training mode)'
            cand --dns 'Resolve through this nameserver (repeatable; `system` for the system resolver)'
            cand --ca-file 'Also trust the CA certificates in this PEM file (an acquirer''s private CA)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --iso8583 'Sign in over ISO 8583 (0800 → 0810) to each terminal''s or profile''s host instead of a bare TCP connect'
            cand --demo 'Start the simulated acquirer in this process and watch its profile (no configuration, no network)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;completions'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
            cand --db 'Journal and incident database: a SQLite file (default $XDG_DATA_HOME/posdoctor/posdoctor.db) or postgres://user@host:port/database (password from PGPASSWORD, ~/.pgpass or database_password_env in the config)'
            cand --json 'Print one JSON document on stdout instead of text'
            cand -q 'Print only failures and warnings'
            cand --quiet 'Print only failures and warnings'
            cand -v 'Print more detail (repeat for even more)'
            cand --verbose 'Print more detail (repeat for even more)'
            cand --strict 'Treat warnings as failures for the exit code'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'posdoctor;help'= {
            cand doctor 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
            cand net 'net'
            cand check 'How a table (CSV or workbook) is read when detection is not wanted'
            cand txn 'txn'
            cand code 'code'
            cand fix 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
            cand incident 'incident'
            cand profile 'profile'
            cand sim 'sim'
            cand decode 'decode'
            cand watch 'Where `watch` takes its targets from: one source at a time'
            cand completions 'completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;help;doctor'= {
        }
        &'posdoctor;help;net'= {
        }
        &'posdoctor;help;check'= {
            cand merchant-id 'merchant-id'
            cand terminal-id 'terminal-id'
            cand mcc 'mcc'
            cand currency 'currency'
            cand key 'key'
            cand card 'card'
        }
        &'posdoctor;help;check;merchant-id'= {
        }
        &'posdoctor;help;check;terminal-id'= {
        }
        &'posdoctor;help;check;mcc'= {
        }
        &'posdoctor;help;check;currency'= {
        }
        &'posdoctor;help;check;key'= {
        }
        &'posdoctor;help;check;card'= {
        }
        &'posdoctor;help;txn'= {
            cand status 'How to reach the hosts, for the commands that probe a profile (`doctor`, `fix`, `watch`, `txn status`): parsed once into [`crate::reach::Reach`] by `Context::reach`'
            cand import 'How a table (CSV or workbook) is read when detection is not wanted'
            cand reconcile 'How a table (CSV or workbook) is read when detection is not wanted'
        }
        &'posdoctor;help;txn;status'= {
        }
        &'posdoctor;help;txn;import'= {
        }
        &'posdoctor;help;txn;reconcile'= {
        }
        &'posdoctor;help;code'= {
        }
        &'posdoctor;help;fix'= {
        }
        &'posdoctor;help;incident'= {
            cand add 'What a user said about the failed payment, as typed (`--terminal`, `--rrn`, `--card`, ...): for the ticket and the incident record. Checked by [`Facts::apply`]'
            cand list 'Which incidents a command covers'
            cand show 'show'
            cand stats 'Which incidents a command covers'
            cand export 'Which incidents a command covers'
            cand update 'update'
            cand close 'close'
        }
        &'posdoctor;help;incident;add'= {
        }
        &'posdoctor;help;incident;list'= {
        }
        &'posdoctor;help;incident;show'= {
        }
        &'posdoctor;help;incident;stats'= {
        }
        &'posdoctor;help;incident;export'= {
        }
        &'posdoctor;help;incident;update'= {
        }
        &'posdoctor;help;incident;close'= {
        }
        &'posdoctor;help;profile'= {
            cand init 'init'
            cand show 'show'
            cand list 'list'
        }
        &'posdoctor;help;profile;init'= {
        }
        &'posdoctor;help;profile;show'= {
        }
        &'posdoctor;help;profile;list'= {
        }
        &'posdoctor;help;sim'= {
        }
        &'posdoctor;help;decode'= {
        }
        &'posdoctor;help;watch'= {
        }
        &'posdoctor;help;completions'= {
        }
        &'posdoctor;help;help'= {
        }
    ]
    $completions[$command]
}
