# ${header}
# Grafana loads the dashboards of 'p21mon dashboards generate' from this folder.
apiVersion: 1

providers:
  - name: p21mon
    orgId: 1
    folder: p21mon
    folderUid: p21mon
    type: file
    disableDeletion: false
    allowUiUpdates: true
    updateIntervalSeconds: 30
    options:
      path: ${dashboards_dir}
      foldersFromFilesStructure: false
