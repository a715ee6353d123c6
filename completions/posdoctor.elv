
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
            cand code 'Explain a response code (ISO 8583 field 39 and UnionPay codes), or find it by the text the terminal printed'
            cand profile 'Create, show and list profiles (merchant, terminal and acquirer settings)'
            cand completions 'Print a shell completion script'
            cand help 'Print help'
        }
        &'posdoctor;code'= {
            cand --category 'With --list: only codes of this failure category'
            cand --cause 'With --list: only codes with this cause'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
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
        &'posdoctor;profile'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
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
            cand --gateway-url 'Base URL of the acquirer''s gateway API (for transaction look-ups)'
            cand --gateway-auth-env 'Environment variable holding the gateway API token'
            cand --key 'Where a key lives: tmk|tpk|tak|tdk=file:PATH or =env:VAR (repeatable)'
            cand --kcv 'Expected key check value from the key letter: NAME=HEX (repeatable)'
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
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
        &'posdoctor;completions'= {
            cand --profile 'Profile (merchant/terminal settings) to use; default: default_profile in the config, or the only profile'
            cand --config 'Config file to use instead of $XDG_CONFIG_HOME/posdoctor/config.toml'
            cand --lang 'Language of all output: zh or en (default: from LC_ALL/LC_MESSAGES/LANG)'
            cand --color 'When to use colors: auto (when stdout is a terminal and NO_COLOR is unset), always, never'
            cand --timeout 'Overall deadline for network probes, in seconds'
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
            cand code 'code'
            cand profile 'profile'
            cand completions 'completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'posdoctor;help;code'= {
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
        &'posdoctor;help;completions'= {
        }
        &'posdoctor;help;help'= {
        }
    ]
    $completions[$command]
}
