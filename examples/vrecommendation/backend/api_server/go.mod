module github.com/vrecommendation/api_server

go 1.24
