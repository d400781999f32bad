package io.strata.contracts.storage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A volume's NFS export.
 *
 * @param server the NFS server address
 * @param port its port
 * @param path the NFSv4 pseudo path
 * @param clients who may mount it
 * @param mountCommand the command that mounts it on a Linux client with an NFS client
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportView(String server, int port, String path, List<String> clients, String mountCommand) {
}
