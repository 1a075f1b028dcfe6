#ifndef OPSDECK_CNCURSESW_SHIM_H
#define OPSDECK_CNCURSESW_SHIM_H
// Wide-character ncurses, plus functions for what curses.h offers only as macros,
// as mutable globals (which Swift 6 will not touch), or through C stdio.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <fcntl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: - Globals and macros

/// The standard screen of the current terminal (`stdscr`).
static inline WINDOW *opsdeck_stdscr(void) { return stdscr; }

/// The number of colours the terminal supports (`COLORS`); 0 before `start_color`.
static inline int opsdeck_colors(void) { return COLORS; }

/// The number of colour pairs (`COLOR_PAIRS`); 0 before `start_color`.
static inline int opsdeck_color_pairs(void) { return COLOR_PAIRS; }

/// `getmaxyx(win, y, x)`.
static inline void opsdeck_getmaxyx(WINDOW *win, int *y, int *x) {
    int rows, cols;
    getmaxyx(win, rows, cols);
    *y = rows;
    *x = cols;
}

/// `COLOR_PAIR(n)` as an attribute.
static inline attr_t opsdeck_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

/// `KEY_F(n)`.
static inline int opsdeck_key_f(int n) { return KEY_F(n); }

// MARK: - Attributes

static inline attr_t opsdeck_a_normal(void) { return (attr_t)A_NORMAL; }
static inline attr_t opsdeck_a_bold(void) { return (attr_t)A_BOLD; }
static inline attr_t opsdeck_a_dim(void) { return (attr_t)A_DIM; }
static inline attr_t opsdeck_a_italic(void) { return (attr_t)A_ITALIC; }
static inline attr_t opsdeck_a_underline(void) { return (attr_t)A_UNDERLINE; }
static inline attr_t opsdeck_a_reverse(void) { return (attr_t)A_REVERSE; }

// MARK: - Mouse

static inline mmask_t opsdeck_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t opsdeck_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t opsdeck_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t opsdeck_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t opsdeck_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t opsdeck_button1_clicked(void) { return BUTTON1_CLICKED; }

/// Presses and releases of buttons 1-5, with any modifier, and no click, double- or
/// triple-click composition. ncurses must accept every button event the terminal can send:
/// when it discards one it does not want, `wgetch` reads the next input with a blocking
/// read, even in nodelay mode.
static inline mmask_t opsdeck_button_press_release_events(void) {
    return BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON2_PRESSED | BUTTON2_RELEASED
        | BUTTON3_PRESSED | BUTTON3_RELEASED | BUTTON4_PRESSED | BUTTON4_RELEASED
        | BUTTON5_PRESSED | BUTTON5_RELEASED | BUTTON_SHIFT | BUTTON_CTRL | BUTTON_ALT;
}

// MARK: - Screens and characters

/// `newterm(NULL, stdout, stdin)`: like `initscr`, but returns NULL instead of exiting
/// when the terminal cannot be set up.
static inline SCREEN *opsdeck_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Writes `text` to the terminal after what curses has sent (curses draws through stdout).
static inline void opsdeck_write_terminal(const char *text) {
    fflush(stdout);
    fputs(text, stdout);
    fflush(stdout);
}

/// True when the current terminal can move the cursor to any cell (has `cup`).
static inline int opsdeck_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/// Builds a complex character from up to `count` wide characters (a spacing character
/// then combining ones; at most CCHARW_MAX are kept), `attrs` and extended colour `pair`.
static inline int opsdeck_setcchar(cchar_t *out, const wchar_t *chars, int count, attr_t attrs, int pair) {
    wchar_t text[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) text[i] = chars[i];
    text[n] = L'\0';
    int extended = pair;
    return setcchar(out, text, attrs, (short)(pair <= 0x7fff ? pair : 0), &extended);
}

/// True when the C library decodes multibyte text as UTF-8 under the current locale.
static inline int opsdeck_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

/// The columns the C library gives `c` (`wcwidth`, hidden from Swift by feature macros).
extern int wcwidth(wchar_t c);
static inline int opsdeck_wcwidth(wchar_t c) { return wcwidth(c); }

/// A pipe whose ends are non-blocking and close-on-exec; 0 on success, -1 with errno.
static inline int opsdeck_pipe(int fds[2]) {
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        int flags = fcntl(fds[i], F_GETFL);
        if (flags < 0 || fcntl(fds[i], F_SETFL, flags | O_NONBLOCK) != 0
            || fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0) {
            close(fds[0]);
            close(fds[1]);
            return -1;
        }
    }
    return 0;
}

// MARK: - Async-signal-safe restore

/// Puts the terminal back as a shell expects it, with nothing but async-signal-safe calls:
/// `tcsetattr` on stdin with `saved` (when non-NULL), then a fixed escape sequence on
/// stdout that turns mouse reporting off, shows the cursor and leaves the alternate screen.
static inline void opsdeck_restore_terminal(const struct termios *saved) {
    static const char sequence[] = "\033[?1000l\033[?1002l\033[?1006l\033[?25h\033[?1049l";
    if (saved != NULL) (void)tcsetattr(STDIN_FILENO, TCSANOW, saved);
    (void)!write(STDOUT_FILENO, sequence, sizeof(sequence) - 1);
}

#endif
