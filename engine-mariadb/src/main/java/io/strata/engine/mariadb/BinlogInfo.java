package io.strata.engine.mariadb;

/**
 * What mariabackup notes in the backup of where the source's binary log stood when the copy became consistent
 * ({@code mariadb_backup_binlog_info}, named {@code xtrabackup_binlog_info} by older versions): a line
 * {@code file<TAB>position<TAB>gtid}. The GTID is where a replica of the backup starts.
 *
 * @param file the binary log file
 * @param position the offset in it
 * @param gtid the GTID position of the backup
 */
record BinlogInfo(String file, long position, Gtid gtid) {

    /** The file names mariabackup uses, newest first. */
    static final java.util.List<String> FILE_NAMES = java.util.List.of("mariadb_backup_binlog_info",
            "xtrabackup_binlog_info");

    /**
     * Parses the file's content.
     *
     * @throws IllegalArgumentException when the content is not a binlog info line
     */
    static BinlogInfo parse(String content) {
        String line = content == null ? "" : content.strip();
        String[] fields = line.split("\\s+", 3);
        if (line.isEmpty() || fields.length < 2 || !fields[1].matches("\\d+")) {
            throw new IllegalArgumentException("not a binlog info line (file, position, GTID): '" + line + "'");
        }
        return new BinlogInfo(fields[0], Long.parseLong(fields[1]), Gtid.parse(fields.length == 3 ? fields[2] : ""));
    }
}
