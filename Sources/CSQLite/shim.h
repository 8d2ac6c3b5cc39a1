// SQLite 3 from Debian's libsqlite3-dev, for the sweep results database. Only Reporting imports it.
#include <sqlite3.h>
