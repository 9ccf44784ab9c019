#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#define _GNU_SOURCE 1
#include "portolan_curses.h"

#include <curses.h>
#include <locale.h>
#include <term.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

static SCREEN *screen = NULL;
static struct termios saved_termios;
static int have_termios = 0;
static volatile sig_atomic_t stop_signal = 0;
static volatile sig_atomic_t screen_open = 0;

// Leaves the alternate screen, shows the cursor, turns mouse reporting off, resets attributes.
static const char restore_sequence[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l";

static void restore_from_signal(void) {
    if (!screen_open) return;
    // Only async-signal-safe calls here: write(2) and tcsetattr(3).
    ssize_t ignored = write(STDOUT_FILENO, restore_sequence, sizeof restore_sequence - 1);
    (void)ignored;
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    screen_open = 0;
}

static void on_stop(int sig) { stop_signal = sig; }

// Restores the terminal, then lets the signal do what it would have done without us (end the
// process, dump core for SIGQUIT and the faults). Also keeps the Swift runtime's backtracer, whose
// handlers these replace, from drawing its prompt on the dashboard's alternate screen.
static void on_fatal(int sig) {
    restore_from_signal();
    signal(sig, SIG_DFL);
    raise(sig);
}

// Every signal whose default action ends the process, except those that ask the loop to stop.
static const int fatal_signals[] = {
    SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM,
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
    SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGIO,
#ifdef SIGPWR
    SIGPWR,
#endif
    SIGSYS,
};

void pt_install_handlers(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = on_stop;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGINT, &stop, NULL);
    sigaction(SIGTERM, &stop, NULL);
    sigaction(SIGHUP, &stop, NULL);
    struct sigaction fatal;
    memset(&fatal, 0, sizeof fatal);
    fatal.sa_handler = on_fatal;
    sigemptyset(&fatal.sa_mask);
    fatal.sa_flags = SA_RESETHAND;
    int count = (int)(sizeof fatal_signals / sizeof fatal_signals[0]);
    for (int i = 0; i < count + (SIGRTMAX - SIGRTMIN + 1); i++) {
        int sig = i < count ? fatal_signals[i] : SIGRTMIN + (i - count);
        struct sigaction current;
        // A signal the parent chose to ignore (nohup, a SIGPIPE set to SIG_IGN) stays ignored.
        if (sigaction(sig, NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        sigaction(sig, &fatal, NULL);
    }
}

int pt_stop_signal(void) { return stop_signal; }

int pt_check_term(const char *term) {
    if (term == NULL || *term == 0) return -1;
    int status = 0;
    if (setupterm((char *)term, STDOUT_FILENO, &status) != OK) return status == 1 ? -2 : -1;
    int unusable = tigetflag("hc") > 0 || tigetflag("gn") > 0 || tigetstr("cup") == NULL || tigetstr("cup") == (char *)-1;
    del_curterm(cur_term);
    return unusable ? -2 : 0;
}

int pt_has_acs(void) {
    char *acsc = tigetstr("acsc");
    return acsc != NULL && acsc != (char *)-1 && *acsc != 0;
}

int pt_open(const char *term) {
    setlocale(LC_ALL, "");
    screen = newterm(term, stdout, stdin);
    if (screen == NULL) return -1;
    set_term(screen);
    screen_open = 1;
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    mousemask(ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION, NULL);
    mouseinterval(0);
    return 0;
}

void pt_close(void) {
    if (screen == NULL) return;
    mousemask(0, NULL);
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    screen_open = 0;
    // endwin restores the modes curses saved; make sure the original settings are back as well.
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    fputs("\033[?1000l\033[?1002l\033[?1003l\033[?1006l", stdout);
    fflush(stdout);
}

int pt_lines(void) { return LINES; }
int pt_cols(void) { return COLS; }
int pt_colors(void) { return has_colors() ? COLORS : 0; }
int pt_color_pairs(void) { return has_colors() ? COLOR_PAIRS : 0; }
int pt_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }

static attr_t attributes(int attrs) {
    attr_t a = A_NORMAL;
    if (attrs & PT_ATTR_BOLD) a |= A_BOLD;
    if (attrs & PT_ATTR_DIM) a |= A_DIM;
    if (attrs & PT_ATTR_UNDERLINE) a |= A_UNDERLINE;
    if (attrs & PT_ATTR_REVERSE) a |= A_REVERSE;
    return a;
}

void pt_put(int y, int x, uint32_t scalar, int pair, int attrs) {
    wchar_t text[2] = {(wchar_t)scalar, 0};
    cchar_t cell;
    setcchar(&cell, text, attributes(attrs), (short)pair, NULL);
    mvwadd_wch(stdscr, y, x, &cell);
}

static chtype acs(int which) {
    switch (which) {
    case PT_ACS_HLINE: return ACS_HLINE;
    case PT_ACS_VLINE: return ACS_VLINE;
    case PT_ACS_ULCORNER: return ACS_ULCORNER;
    case PT_ACS_URCORNER: return ACS_URCORNER;
    case PT_ACS_LLCORNER: return ACS_LLCORNER;
    case PT_ACS_LRCORNER: return ACS_LRCORNER;
    case PT_ACS_LTEE: return ACS_LTEE;
    case PT_ACS_RTEE: return ACS_RTEE;
    case PT_ACS_TTEE: return ACS_TTEE;
    case PT_ACS_BTEE: return ACS_BTEE;
    case PT_ACS_PLUS: return ACS_PLUS;
    case PT_ACS_RARROW: return ACS_RARROW;
    case PT_ACS_LARROW: return ACS_LARROW;
    case PT_ACS_UARROW: return ACS_UARROW;
    case PT_ACS_DARROW: return ACS_DARROW;
    case PT_ACS_BULLET: return ACS_BULLET;
    case PT_ACS_CKBOARD: return ACS_CKBOARD;
    default: return '?';
    }
}

void pt_put_acs(int y, int x, int which, int pair, int attrs) {
    mvwaddch(stdscr, y, x, acs(which) | attributes(attrs) | COLOR_PAIR(pair));
}

void pt_erase(void) { werase(stdscr); }
void pt_refresh(void) { wrefresh(stdscr); }

static int32_t function_key(wint_t key) {
    switch (key) {
    case KEY_UP: return PT_KEY_UP;
    case KEY_DOWN: return PT_KEY_DOWN;
    case KEY_LEFT: return PT_KEY_LEFT;
    case KEY_RIGHT: return PT_KEY_RIGHT;
    case KEY_HOME: return PT_KEY_HOME;
    case KEY_END: return PT_KEY_END;
    case KEY_PPAGE: return PT_KEY_PAGE_UP;
    case KEY_NPAGE: return PT_KEY_PAGE_DOWN;
    case KEY_BTAB: return PT_KEY_BACKTAB;
    case KEY_ENTER: return PT_KEY_ENTER;
    case KEY_BACKSPACE: return PT_KEY_BACKSPACE;
    case KEY_DC: return PT_KEY_DELETE;
    case KEY_F(1): return PT_KEY_F1;
    default: return PT_KEY_OTHER;
    }
}

pt_event pt_read(int timeout_ms) {
    pt_event event = {PT_EVENT_NONE, 0, 0, 0, 0};
    wtimeout(stdscr, timeout_ms);
    wint_t key = 0;
    int status = wget_wch(stdscr, &key);
    if (status == ERR) return event;
    if (status == OK) {
        event.kind = PT_EVENT_CHAR;
        event.code = (uint32_t)key;
        return event;
    }
    if (key == KEY_RESIZE) {
        event.kind = PT_EVENT_RESIZE;
        return event;
    }
    if (key == KEY_MOUSE) {
        MEVENT mouse;
        if (getmouse(&mouse) != OK) return event;
        event.kind = PT_EVENT_MOUSE;
        event.x = mouse.x;
        event.y = mouse.y;
        mmask_t b = mouse.bstate;
        if (b & BUTTON1_PRESSED) event.button_mask |= PT_MOUSE_PRESS;
        if (b & BUTTON1_RELEASED) event.button_mask |= PT_MOUSE_RELEASE;
        if (b & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) event.button_mask |= PT_MOUSE_CLICK;
        if (b & BUTTON4_PRESSED) event.button_mask |= PT_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
        if (b & BUTTON5_PRESSED) event.button_mask |= PT_MOUSE_WHEEL_DOWN;
#endif
        if (b & REPORT_MOUSE_POSITION) event.button_mask |= PT_MOUSE_DRAG;
        return event;
    }
    event.kind = PT_EVENT_KEY;
    event.code = (uint32_t)function_key(key);
    return event;
}
